# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The collection's docs: antsibull-docs lints them as the Ansible docsite would, and the HTML site
(scripts/build-docs, what `make docs` runs) builds with every page and every reference resolved."""

import os
import subprocess


def test_lint_collection_docs(run_tool, collection_root):
    # --plugin-docs: the modules' and the role's docs (schema, markup, references).
    # --check-extra-docs-refs: the references in docs/docsite/rst (options, return values, plugins) exist.
    result = run_tool('antsibull-docs', 'lint-collection-docs', '--plugin-docs', '--check-extra-docs-refs',
                      '--validate-collection-refs', 'all', '--disallow-unknown-collection-refs', collection_root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_docs_site_builds(tools_env, collection_root, tmp_path, module_names):
    output = tmp_path / 'html'
    result = subprocess.run([os.path.join(collection_root, 'scripts', 'build-docs'), collection_root, str(output)], env=tools_env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout
    # The guide the collection promises, and every other page in docs/docsite/rst.
    guides = set(['guide_webchat_addresses.rst'] + os.listdir(os.path.join(collection_root, 'docs', 'docsite', 'rst')))
    pages = ['index.html', 'changelog.html'] + ['docsite/%s.html' % name[:-4] for name in sorted(guides) if name.endswith('.rst')]
    pages += ['%s_module.html' % name for name in module_names]
    if os.path.exists(os.path.join(collection_root, 'roles', 'webchat_addresses', 'meta', 'argument_specs.yml')):
        pages.append('webchat_addresses_role.html')
    missing = [page for page in pages if not (output / page).is_file()]
    assert not missing, 'pages missing from the docs site: %s\n%s' % (missing, result.stdout)
    index = (output / 'index.html').read_text()
    for page in pages[1:]:
        assert 'href="%s' % page in index, 'the index does not link to %s' % page
