# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The fleet report's reasoning (playbook twilio_ops.flex.drift_report), as filters:

- drift_report_site: one site's report, from what the webchat_addresses role's reasoning and its
  set modules predicted in check mode, the site's record and lock (site_record_info), and the
  account's listings of web addresses;
- drift_report: the fleet's report (format FORMAT), its summary and its sites in name order;
- drift_report_markdown, drift_report_html: the report as Markdown, and as one self-contained
  HTML page (inline CSS, inline script, inline SVG charts; nothing fetched when viewed).

The report's keys are documented in the guide docs/docsite/rst/guide_fleet_report.rst; a change
of their meaning changes FORMAT."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import html
import json

from ansible_collections.twilio_ops.flex.plugins.plugin_utils.webchat_addresses_outcome import webchat_addresses_flex_flow_languages

FORMAT = 1
STATES = ('converged', 'drifted', 'failed')
ACTIONS = ('create', 'update', 'rename', 'delete', 'none')
# What makes a site drifted, in the order the report lists them.
DRIFTS = ('create', 'update', 'rename', 'delete', 'duplicate', 'lookalike', 'unlisted_made', 'intent')
RESULT_KEYS = dict(flex_flows='flex_flow', conversations='address_configuration')
API_NAMES = dict(flex_flows='Flex Flows (legacy)', conversations='Conversations')


def _text(value):
    return '' if value is None else str(value)


def _dict(value):
    return value if isinstance(value, dict) else {}


def _list(value):
    return value if isinstance(value, list) else []


def _failure_reason(failure):
    """(kind, message) of a task that failed: credentials (Twilio's 401), or error."""
    failure = _dict(failure)
    result = _dict(failure.get('result'))
    message = _text(result.get('msg') or failure.get('msg')).strip() or 'failed'
    status = _dict(result.get('error')).get('status')
    if failure.get('input') in (True, 'true', 'True'):
        kind = 'input'
    elif status == 401 or 'Twilio refused' in message or 'credential' in message.lower() and 'missing' in message.lower():
        kind = 'credentials'
    else:
        kind = 'error'
    task = _text(failure.get('task'))
    return dict(kind=kind, message=('%s: %s' % (task, message)) if task else message)


def _changes(diff):
    """{field: {old, new}} of an update's diff (the fields that differ)."""
    before, after = _dict(_dict(diff).get('before')), _dict(_dict(diff).get('after'))
    return dict((key, dict(old=before.get(key), new=after.get(key))) for key in sorted(set(before) | set(after))
                if before.get(key) != after.get(key))


def _paired(run):
    """[(result, diff)] of a set module's entries, then [(purged, diff)]: the module appends one
    diff per create, update or delete, in the order of its changes (entries, then purge)."""
    run = _dict(run)
    diffs = list(_list(run.get('diff')))
    entries, purged = [], []
    for result in _list(run.get('results')):
        diff = diffs.pop(0) if result.get('operation') in ('create', 'update', 'delete') and diffs else None
        entries.append((result, diff))
    for item in _list(run.get('purged')):
        purged.append((item, diffs.pop(0) if diffs else None))
    return entries, purged


def _address(api, result):
    return _dict(_dict(result).get(RESULT_KEYS[api]))


def _row(api, language, result, diff, why=None):
    operation = _text(result.get('operation')) or 'none'
    address = _address(api, result)
    before = _dict(_dict(diff).get('before'))
    row = dict(language=language, api=api, action=operation, why=why, changes={},
               sid=address.get('sid') or before.get('sid'), friendly_name=address.get('friendly_name') or before.get('friendly_name'),
               address=address.get('address') or before.get('address'), demo_url=result.get('demo_url'),
               replaces=result.get('replaces'), duplicates=_list(result.get('duplicates')))
    if operation == 'update':
        row['changes'] = _changes(diff)
        if 'friendly_name' in row['changes']:
            row['action'] = 'rename'
    elif operation == 'create':
        row['changes'] = dict((key, dict(old=None, new=value)) for key, value in sorted(_dict(_dict(diff).get('after')).items()))
    elif operation == 'delete':
        row['changes'] = dict((key, dict(old=value, new=None)) for key, value in sorted(before.items()))
    return row


def _by_sid(listing):
    return dict((item.get('sid'), item) for item in listing if isinstance(item, dict) and item.get('sid'))


def _migration(plan, record, flex_listing, conversations_listing):
    """Per listed language, whether it has a legacy web address and a Conversations chat address."""
    flows, chats = _by_sid(flex_listing), _by_sid(conversations_listing)
    names = set(_text(item.get('friendly_name')).lower() for item in flows.values())
    keys = set(item.get('address') for item in chats.values())
    legacy_languages, moved_languages, listed = [], [], []
    for language in _list(plan.get('languages')):
        if language.get('state') != 'present':
            continue
        tag = language['language']
        listed.append(tag)
        recorded = dict((item['api'], item) for item in record if item.get('language') == tag)
        if recorded.get('flex_flows', {}).get('sid') in flows or _text(language.get('friendly_name')).lower() in names:
            legacy_languages.append(tag)
        if recorded.get('conversations', {}).get('sid') in chats or (language.get('deployment_key') and language['deployment_key'] in keys):
            moved_languages.append(tag)
    return dict(languages=len(listed), legacy=len(legacy_languages), conversations=len(moved_languages),
                legacy_languages=legacy_languages, conversations_languages=moved_languages,
                progress=round(100.0 * len(moved_languages) / len(listed)) if listed else None)


def _lookalikes(prefix, known, flex_listing, conversations_listing):
    """Addresses named as the role names the site's (the prefix and a space) that nothing the
    site's record, entries or duplicates knows of."""
    start = (_text(prefix) + ' ').lower()
    found = []
    for api, listing in (('flex_flows', flex_listing), ('conversations', conversations_listing)):
        for item in listing:
            if not isinstance(item, dict) or item.get('sid') in known:
                continue
            if _text(item.get('friendly_name')).lower().startswith(start) and len(start) > 1:
                found.append(dict(api=api, sid=item.get('sid'), friendly_name=item.get('friendly_name'), address=item.get('address'),
                                  date_created=item.get('date_created')))
    return sorted(found, key=lambda item: (item['api'], _text(item['friendly_name']), _text(item['sid'])))


def _lock(record_info):
    lock = _dict(_dict(record_info).get('lock'))
    if not lock:
        return None
    holder = _dict(lock.get('holder'))
    return dict(lock_id=lock.get('lock_id'), state=lock.get('state'), free=lock.get('free'), since=lock.get('since'),
                expires_at=lock.get('expires_at'), holder=dict(user=holder.get('user'), host=holder.get('host'), playbook=holder.get('playbook')))


def drift_report_site(data):
    """One site's report. data: site (its inventory name), settings (the role's settings: api,
    name_prefix, purge, record_store, record_file), plan (webchat_addresses_plan), record_info
    (site_record_info's result, or {} in the file store), flex_flows / conversations (the set
    modules' check-mode results, with diff), flex_flow_listing / conversations_listing (the account's
    web Flex Flows and chat addresses), account_sid (the site's, when the connection names it),
    failure ({task, result} of a task that failed, or None)."""
    data = _dict(data)
    settings, plan, record_info = _dict(data.get('settings')), _dict(data.get('plan')), _dict(data.get('record_info'))
    api = _text(settings.get('api')) or _text(plan.get('api')) or 'flex_flows'
    store = _text(settings.get('record_store')) or 'account'
    reasons = []
    problems = [_text(problem) for problem in _list(plan.get('problems'))]
    record_exists = _dict(record_info.get('record')).get('exists')
    if problems:
        reasons.append(dict(kind='input', message='; '.join(problems)))
    if data.get('failure'):
        reason = _failure_reason(data['failure'])
        if not (problems and reason['kind'] == 'error'):
            reasons.append(reason)
    lock = _lock(record_info)
    if lock and lock['state'] == 'held' and not lock['free']:
        holder = lock['holder']
        reasons.append(dict(kind='lock', message='the site is locked: lock %s held by %s@%s (playbook %s) since %s, until %s' % (
            lock['lock_id'], holder['user'], holder['host'], holder['playbook'], lock['since'], lock['expires_at'])))
    record = [item for item in _list(plan.get('record')) if isinstance(item, dict)]
    runs = dict(flex_flows=_dict(data.get('flex_flows')), conversations=_dict(data.get('conversations')))
    languages, known, purged_rows = [], set(item.get('sid') for item in record), []
    sid_language = dict((item.get('sid'), item.get('language')) for item in record)
    for run_api in ('conversations', 'flex_flows'):
        run = runs[run_api]
        if not run or run.get('skipped') or run.get('failed'):
            continue
        entries, purged = _paired(run)
        own = list(_list(_dict(plan.get(run_api)).get('languages')))
        # A site moving to Conversations: the flex_flows run's last entries retire legacy addresses.
        tags = webchat_addresses_flex_flow_languages(plan, runs['conversations']) if run_api == 'flex_flows' and plan.get('legacy') else own
        for number, (result, diff) in enumerate(entries):
            tag = tags[number] if number < len(tags) else None
            why = 'the legacy address of a language moved to Conversations' if number >= len(own) else None
            row = _row(run_api, tag, result, diff, why)
            languages.append(row)
            known.add(row['sid'])
            known.update(item.get('sid') for item in row['duplicates'])
        for item, diff in purged:
            resource = _dict(item.get('resource'))
            row = _row(run_api, sid_language.get(item.get('sid')), dict(operation='delete', **{RESULT_KEYS[run_api]: resource}), diff,
                       'purge: made by the role for a language no longer listed')
            row['sid'] = item.get('sid')
            purged_rows.append(row)
            known.add(item.get('sid'))
    languages.extend(purged_rows)
    listed = [language.get('language') for language in _list(plan.get('languages')) if language.get('state') == 'present']
    purged_sids = set(row['sid'] for row in purged_rows)
    unlisted_made = [dict(api=item.get('api'), language=item.get('language'), sid=item.get('sid'), friendly_name=item.get('friendly_name'),
                          address=item.get('address'), purge_removes=item.get('sid') in purged_sids)
                     for item in record if item.get('made') and item.get('language') not in listed]
    flex_listing = [item for item in _list(data.get('flex_flow_listing')) if isinstance(item, dict)]
    conversations_listing = [item for item in _list(data.get('conversations_listing')) if isinstance(item, dict)]
    listings_read = data.get('flex_flow_listing') is not None and data.get('conversations_listing') is not None
    duplicates = [dict(language=row['language'], api=row['api'], sid=row['sid'], friendly_name=row['friendly_name'], twins=row['duplicates'])
                  for row in languages if row['duplicates']]
    lookalikes = _lookalikes(settings.get('name_prefix'), known, flex_listing, conversations_listing) if listings_read and not problems else []
    intents = _list(_dict(record_info.get('record')).get('intents'))
    drift = []
    actions = set(row['action'] for row in languages)
    drift.extend(action for action in ('create', 'update', 'rename', 'delete') if action in actions)
    if duplicates:
        drift.append('duplicate')
    if lookalikes:
        drift.append('lookalike')
    if any(not item['purge_removes'] for item in unlisted_made):
        drift.append('unlisted_made')
    if intents:
        drift.append('intent')
    state = 'failed' if reasons else ('drifted' if drift else 'converged')
    record_account = _dict(record_info.get('record')).get('account_sid') or plan.get('account_sid')
    return dict(
        site=_text(data.get('site')),
        state=state,
        reasons=reasons,
        drift=drift,
        api=api,
        name_prefix=_text(settings.get('name_prefix')),
        purge=bool(settings.get('purge') in (True, 'true', 'True', 'yes', 1)),
        languages=languages,
        duplicates=duplicates,
        lookalikes=lookalikes,
        unlisted_made=unlisted_made,
        migration=_migration(plan, record, flex_listing, conversations_listing) if listings_read and not problems else None,
        record=dict(store=store, exists=record_exists if store == 'account' else bool(record),
                    location=('Sync map twilio_ops.flex.site.%s' % _text(settings.get('record_name') or data.get('site'))) if store == 'account'
                    else _text(settings.get('record_file')),
                    account_sid=record_account, site_account_sid=_text(data.get('account_sid')) or None,
                    account_matches=(record_account == data.get('account_sid')) if record_account and data.get('account_sid') else None,
                    addresses=len(record), intents=intents, lock=lock),
    )


def drift_report(sites, generated_at=None, fail_on_drift=False):
    """The fleet's report: format, generated_at, summary (sites by state, the actions a run would
    take, legacy and Conversations addresses, duplicates, look-alikes, drifted and failed site
    names), and the sites in name order."""
    sites = sorted([site for site in _list(sites) if isinstance(site, dict)], key=lambda site: site.get('site'))
    by_state = dict((state, [site['site'] for site in sites if site.get('state') == state]) for state in STATES)
    actions = dict((action, sum(1 for site in sites for row in site.get('languages') or [] if row.get('action') == action)) for action in ACTIONS)
    migration = [site['migration'] for site in sites if site.get('migration')]
    summary = dict(
        sites=len(sites),
        converged=len(by_state['converged']), drifted=len(by_state['drifted']), failed=len(by_state['failed']),
        drifted_sites=by_state['drifted'], failed_sites=by_state['failed'],
        actions=actions,
        legacy_addresses=sum(item['legacy'] for item in migration),
        conversations_addresses=sum(item['conversations'] for item in migration),
        duplicates=sum(len(site.get('duplicates') or []) for site in sites),
        lookalikes=sum(len(site.get('lookalikes') or []) for site in sites),
        unlisted_made=sum(len(site.get('unlisted_made') or []) for site in sites),
        fail_on_drift=bool(fail_on_drift),
        failing=bool(fail_on_drift) and bool(by_state['drifted'] or by_state['failed']),
    )
    return dict(format=FORMAT, generated_at=_text(generated_at) or None, summary=summary, sites=sites)


# -- Markdown ------------------------------------------------------------------------------------

def _md(value):
    text = _text(value).replace('\\', '\\\\').replace('|', '\\|').replace('\n', ' ')
    return text if text else '—'


def _change_text(row):
    return '; '.join('%s: %s → %s' % (key, json.dumps(change['old']), json.dumps(change['new'])) for key, change in sorted(row['changes'].items()))


def drift_report_markdown(report):
    """The report as Markdown: the summary, a table of sites, then each site's details."""
    report, lines = _dict(report), []
    summary = _dict(report.get('summary'))
    lines.append('# Fleet report: WebChat addresses')
    lines.append('')
    lines.append('Generated %s (report format %s). %d sites: %d converged, %d drifted, %d failed.' % (
        _text(report.get('generated_at')) or 'now', report.get('format'), summary.get('sites', 0), summary.get('converged', 0),
        summary.get('drifted', 0), summary.get('failed', 0)))
    lines.append('')
    lines.append('Addresses: %d on legacy Flex Flows, %d on Conversations. A run would: %s.' % (
        summary.get('legacy_addresses', 0), summary.get('conversations_addresses', 0),
        ', '.join('%s %d' % (action, count) for action, count in sorted(_dict(summary.get('actions')).items()) if action != 'none') or 'nothing'))
    lines.append('')
    lines.append('| site | state | API | drift | legacy | Conversations | why |')
    lines.append('| --- | --- | --- | --- | --- | --- | --- |')
    for site in _list(report.get('sites')):
        migration = site.get('migration') or {}
        lines.append('| %s | %s | %s | %s | %s | %s | %s |' % (
            _md(site['site']), site['state'], _md(site['api']), _md(', '.join(site['drift'])), _md(migration.get('legacy')),
            _md(migration.get('conversations')), _md('; '.join('%s: %s' % (reason['kind'], reason['message']) for reason in site['reasons']))))
    for site in _list(report.get('sites')):
        lines.extend(['', '## %s: %s' % (site['site'], site['state']), ''])
        for reason in site['reasons']:
            lines.append('- **%s**: %s' % (reason['kind'], _md(reason['message'])))
        record = site['record']
        lock = record.get('lock') or {}
        lines.append('- record: %s (%s), %s, account %s, %d addresses; lock %s%s' % (
            record['store'], _md(record.get('location')), 'exists' if record.get('exists') else 'not found', _md(record.get('account_sid')),
            record.get('addresses') or 0, _md(lock.get('state') or 'never taken'),
            (' by %s@%s (playbook %s) since %s' % (lock['holder']['user'], lock['holder']['host'], lock['holder']['playbook'], lock.get('since')))
            if lock.get('holder') and lock['holder'].get('user') else ''))
        if site.get('migration'):
            migration = site['migration']
            lines.append('- move to Conversations: %d of %d languages on Conversations, %d still on legacy Flex Flows (%s)' % (
                migration['conversations'], migration['languages'], migration['legacy'], _md(', '.join(migration['legacy_languages']))))
        if site['languages']:
            lines.extend(['', '| language | API | action | changes | SID | demo URL |', '| --- | --- | --- | --- | --- | --- |'])
            for row in site['languages']:
                lines.append('| %s | %s | %s | %s | %s | %s |' % (
                    _md(row['language']), row['api'], row['action'] + (' (%s)' % row['why'] if row['why'] else ''),
                    _md(_change_text(row) + (('; replaces %s' % row['replaces']) if row['replaces'] else '')), _md(row['sid']), _md(row['demo_url'])))
        for item in site['duplicates']:
            lines.append('- duplicate of %s %s (%s): %s' % (
                _md(item['language']), _md(item['friendly_name']), _md(item['sid']),
                ', '.join('%s created %s' % (twin.get('sid'), twin.get('date_created')) for twin in item['twins'])))
        for item in site['lookalikes']:
            lines.append('- unlisted look-alike on %s: %s (%s), not in the record' % (item['api'], _md(item['friendly_name']), _md(item['sid'])))
        for item in site['unlisted_made']:
            lines.append('- made by the role, no longer listed: %s %s (%s)%s' % (
                _md(item['language']), _md(item['friendly_name'] or item['address']), _md(item['sid']),
                ': purge removes it' if item['purge_removes'] else ': purge would remove it (purge is off)'))
    lines.append('')
    return '\n'.join(lines)


# -- HTML ----------------------------------------------------------------------------------------

COLOURS = dict(converged='#2e7d32', drifted='#ef6c00', failed='#c62828', legacy='#8d6e63', conversations='#1565c0')

CSS = '''
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;font-size:.9em}
th{background:#f3f3f3}th.sortable{cursor:pointer}th.sortable:after{content:" \\2195";color:#999}
.state{font-weight:bold;padding:1px 6px;border-radius:3px;color:#fff}
.state-converged{background:#2e7d32}.state-drifted{background:#ef6c00}.state-failed{background:#c62828}
.charts{display:flex;gap:2em;flex-wrap:wrap}.chart{border:1px solid #ddd;padding:1em}
code{font-size:.9em}.muted{color:#777}ul.findings li{margin:.2em 0}
'''

SCRIPT = '''
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, column) {
    th.classList.add("sortable");
    th.addEventListener("click", function () {
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      var ascending = th.getAttribute("data-order") !== "asc";
      th.setAttribute("data-order", ascending ? "asc" : "desc");
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-value") || a.cells[column].textContent;
        var y = b.cells[column].getAttribute("data-value") || b.cells[column].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
'''


def _h(value):
    return html.escape(_text(value), quote=True)


def _bar_chart(chart_id, title, bars):
    """An inline SVG bar chart: bars is [(label, value, colour)]."""
    width, height, top = 360, 200, 44
    highest = max([value for label, value, colour in bars] + [1])
    step = width // max(len(bars), 1)
    parts = ['<svg id="%s" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">'
             % (chart_id, _h(title), width, height + top + 40, width, height + top + 40),
             '<title>%s</title>' % _h(title),
             '<text x="0" y="16" font-size="14" font-weight="bold">%s</text>' % _h(title)]
    for number, (label, value, colour) in enumerate(bars):
        size = int(round(height * value / float(highest)))
        x = number * step + 10
        parts.append('<rect class="bar" data-label="%s" data-value="%d" x="%d" y="%d" width="%d" height="%d" fill="%s"/>'
                     % (_h(label), value, x, top + height - size, step - 20, size, colour))
        parts.append('<text x="%d" y="%d" font-size="13" text-anchor="middle">%d</text>' % (x + (step - 20) // 2, top + height - size - 4, value))
        parts.append('<text x="%d" y="%d" font-size="13" text-anchor="middle">%s</text>' % (x + (step - 20) // 2, top + height + 18, _h(label)))
    parts.append('</svg>')
    return ''.join(parts)


def _cell(value, sort_value=None):
    if sort_value is None:
        return '<td>%s</td>' % _h(value)
    return '<td data-value="%s">%s</td>' % (_h(sort_value), _h(value))


def _site_html(site):
    parts = ['<section class="site" id="site-%s" data-state="%s">' % (_h(site['site']), _h(site['state'])),
             '<h2>%s <span class="state state-%s">%s</span></h2>' % (_h(site['site']), _h(site['state']), _h(site['state']))]
    findings = []
    for reason in site['reasons']:
        findings.append('<li class="reason reason-%s"><strong>%s</strong>: %s</li>' % (_h(reason['kind']), _h(reason['kind']), _h(reason['message'])))
    record = site['record']
    lock = record.get('lock') or {}
    holder = lock.get('holder') or {}
    findings.append('<li class="record">record: %s (<code>%s</code>), %s, account <code>%s</code>, %d addresses%s; lock: %s%s</li>' % (
        _h(record['store']), _h(record.get('location')), 'exists' if record.get('exists') else 'not found', _h(record.get('account_sid')),
        record.get('addresses') or 0, ', %d unconfirmed creates' % len(record['intents']) if record.get('intents') else '',
        _h(lock.get('state') or 'never taken'),
        _h(' by %s@%s (playbook %s) since %s' % (holder.get('user'), holder.get('host'), holder.get('playbook'), lock.get('since')))
        if holder.get('user') else ''))
    migration = site.get('migration')
    if migration:
        findings.append('<li class="migration">move to Conversations: %d of %d languages on Conversations (%s%%), %d on legacy Flex Flows%s</li>' % (
            migration['conversations'], migration['languages'], _h(migration['progress']), migration['legacy'],
            (': ' + _h(', '.join(migration['legacy_languages']))) if migration['legacy_languages'] else ''))
    for item in site['duplicates']:
        findings.append('<li class="duplicate">duplicate: %s <code>%s</code> (%s) has twins %s</li>' % (
            _h(item['friendly_name']), _h(item['sid']), _h(item['language']),
            _h(', '.join('%s created %s' % (twin.get('sid'), twin.get('date_created')) for twin in item['twins']))))
    for item in site['lookalikes']:
        findings.append('<li class="lookalike">unlisted look-alike on %s: %s <code>%s</code>, not in the record</li>' % (
            _h(API_NAMES.get(item['api'], item['api'])), _h(item['friendly_name']), _h(item['sid'])))
    for item in site['unlisted_made']:
        findings.append('<li class="unlisted-made">made by the role, no longer listed: %s <code>%s</code> (%s): %s</li>' % (
            _h(item['friendly_name'] or item['address']), _h(item['sid']), _h(item['language']),
            'purge removes it' if item['purge_removes'] else 'purge would remove it (purge is off)'))
    parts.append('<ul class="findings">%s</ul>' % ''.join(findings))
    if site['languages']:
        parts.append('<table class="sortable languages"><thead><tr><th>language</th><th>API</th><th>action</th><th>changes</th><th>SID</th>'
                     '<th>demo URL</th></tr></thead><tbody>')
        for row in site['languages']:
            changes = _change_text(row) + (('; replaces %s' % row['replaces']) if row['replaces'] else '')
            demo = '<a href="%s">demo</a>' % _h(row['demo_url']) if row['demo_url'] else ''
            parts.append('<tr class="action-%s">%s%s<td class="action">%s%s</td>%s<td><code>%s</code></td><td>%s</td></tr>' % (
                _h(row['action']), _cell(row['language']), _cell(API_NAMES.get(row['api'], row['api'])), _h(row['action']),
                (' <span class="muted">(%s)</span>' % _h(row['why'])) if row['why'] else '', _cell(changes), _h(row['sid']), demo))
        parts.append('</tbody></table>')
    parts.append('</section>')
    return ''.join(parts)


def drift_report_html(report):
    """The report as one self-contained HTML page: the summary, two inline SVG charts (sites by
    state; legacy and Conversations addresses across the fleet), a sortable table of sites, and
    each site's details. Nothing is fetched when it is viewed."""
    report = _dict(report)
    summary = _dict(report.get('summary'))
    sites = _list(report.get('sites'))
    rows = []
    for site in sites:
        migration = site.get('migration') or {}
        rows.append('<tr class="site-row" data-site="%s" data-state="%s"><td><a href="#site-%s">%s</a></td>%s%s%s%s%s%s</tr>' % (
            _h(site['site']), _h(site['state']), _h(site['site']), _h(site['site']),
            '<td data-value="%d"><span class="state state-%s">%s</span></td>' % (STATES.index(site['state']), _h(site['state']), _h(site['state'])),
            _cell(site['api']), _cell(', '.join(site['drift'])),
            _cell(migration.get('legacy', ''), migration.get('legacy', -1)), _cell(migration.get('conversations', ''), migration.get('conversations', -1)),
            _cell('; '.join('%s: %s' % (reason['kind'], reason['message']) for reason in site['reasons']))))
    charts = ('<div class="charts"><div class="chart">%s</div><div class="chart">%s</div></div>' % (
        _bar_chart('chart-states', 'Sites by state', [(state, summary.get(state, 0), COLOURS[state]) for state in STATES]),
        _bar_chart('chart-apis', 'Addresses: legacy vs Conversations',
                   [('legacy Flex Flows', summary.get('legacy_addresses', 0), COLOURS['legacy']),
                    ('Conversations', summary.get('conversations_addresses', 0), COLOURS['conversations'])])))
    actions = ', '.join('%s %d' % (action, count) for action, count in sorted(_dict(summary.get('actions')).items()) if action != 'none') or 'nothing'
    page = [
        '<!DOCTYPE html>',
        '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        '<title>Fleet report: WebChat addresses</title><style>%s</style></head><body>' % CSS,
        '<h1>Fleet report: WebChat addresses</h1>',
        '<p id="summary">Generated %s (report format %s). <strong>%d sites</strong>: %d converged, %d drifted, %d failed. '
        'A run would: %s. Addresses: %d on legacy Flex Flows, %d on Conversations.</p>' % (
            _h(report.get('generated_at') or 'now'), _h(report.get('format')), summary.get('sites', 0), summary.get('converged', 0),
            summary.get('drifted', 0), summary.get('failed', 0), _h(actions), summary.get('legacy_addresses', 0), summary.get('conversations_addresses', 0)),
        charts,
        '<table class="sortable" id="sites"><thead><tr><th>site</th><th>state</th><th>API</th><th>drift</th><th>legacy</th>'
        '<th>Conversations</th><th>why</th></tr></thead><tbody>%s</tbody></table>' % ''.join(rows),
    ]
    page.extend(_site_html(site) for site in sites)
    # The report itself, for scripts that read the page.
    page.append('<script type="application/json" id="drift-report-data">%s</script>' % json.dumps(report, sort_keys=True).replace('</', '<\\/'))
    page.append('<script>%s</script></body></html>' % SCRIPT)
    return '\n'.join(page) + '\n'
