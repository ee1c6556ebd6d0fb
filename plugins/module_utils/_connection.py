# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""The connection options every module takes (documented by the twilio_ops.flex.connection doc
fragment), and how each is resolved: the option when it is set, else its environment variable,
else (for a product's base URL) Twilio's own, on the host the edge and region choose (an explicit
URL wins over them).

The collection resolves the environment itself instead of leaving it to Ansible's fallbacks, so
that it knows where each value came from: a message about a credential says "from the
environment variable TWILIO_AUTH_TOKEN" or "from the option auth_token", never the value.

The rules on the credentials themselves (which are SIDs, and of what type; an API key goes with
its secret) are stated here once: the HTTP client (_api) and the webchat_addresses role's input
checks (plugins/plugin_utils) apply them, each with its own wording; so are the edge and region
(location_refusal; the rule itself is _products.location_problem). Standard library only (with
_products, _resolve and _sid)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.twilio_ops.flex.plugins.module_utils._products import CREDENTIALS, LOCATION, PRODUCTS, location_problem
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import credential_problem

# Every option with an environment variable: (option, variable, secret).
ENVIRONMENT = (CREDENTIALS + tuple((product.option, product.env, False) for product in PRODUCTS)
               + tuple((option, variable, False) for option, variable in LOCATION))

# The credentials that are SIDs, with their prefix, in the order they are checked.
CREDENTIAL_SIDS = dict(account_sid='AC', api_key='SK')


def connection_argument_spec():
    """The connection options' argument spec: the credentials, one base URL per product of
    PRODUCTS (no default here: an unset URL takes its environment variable, then Twilio's), the
    edge and region of Twilio's hosts (LOCATION, no default either), and the transport settings."""
    spec = dict((option, dict(type='str', no_log=secret)) for option, _env, secret in CREDENTIALS)
    spec.update((product.option, dict(type='str')) for product in PRODUCTS)
    spec.update((option, dict(type='str')) for option, _env in LOCATION)
    spec.update(
        validate_certs=dict(type='bool', default=True),
        timeout=dict(type='float', default=30.0),
        retry_timeout=dict(type='float', default=60.0),
    )
    return spec


def resolve_connection(params, environ=None):
    """Fill in, in params, each connection option that is not set (None) from its environment
    variable when that is set, as Ansible's env fallback would. Returns (sources, secrets):
    where each option with a value came from ('the option X' or 'the environment variable Y'),
    and the secret values taken from the environment, which the caller must keep out of logs."""
    environ = os.environ if environ is None else environ
    sources, secrets = {}, []
    for option, variable, secret in ENVIRONMENT:
        if params.get(option) is not None:
            sources[option] = 'the option %s' % option
        elif variable in environ:
            params[option] = environ[variable]
            sources[option] = 'the environment variable %s' % variable
            if secret and environ[variable]:
                secrets.append(environ[variable])
    return sources, secrets


def location_refusal(params, sources):
    """The message refusing the edge or region the resolved params hold, or None: a value that is
    not a name, or a region other than us1 (_products.location_problem). It says where the value
    came from when that was the environment, which the playbook does not show."""
    for option, _env in LOCATION:
        problem = location_problem(option, params.get(option))
        if problem:
            source = sources.get(option, 'the option %s' % option)
            where = '' if source.startswith('the option') else ' (from %s)' % source
            return '%s %s%s %s' % (option, quoted(params[option]), where, problem)
    return None


# -- the rules on credentials, stated once for the modules (_api.TwilioClient) and the role ----------

def credential_sid_problem(option, value):
    """Why the value of a credential that is a SID (a key of CREDENTIAL_SIDS) is not one of its
    type, or None; the value may be a secret pasted there by mistake, so it is described, never
    shown (_sid.credential_problem)."""
    return credential_problem(value, CREDENTIAL_SIDS[option])


def unpaired_api_key(api_key, api_secret):
    """Whether an API key comes without its secret, or a secret without its key: the two go
    together (not set: None or '')."""
    return bool(api_key) != bool(api_secret)
