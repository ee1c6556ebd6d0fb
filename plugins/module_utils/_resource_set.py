# -*- coding: utf-8 -*-
# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE: this module_utils file is internal to twilio_ops.flex and can change without notice.

"""Converging a set of resources of one family in one module run (flex_flows,
conversations_addresses): the same validation, location, comparison and write path as the modules
for one resource (_resource.Resources), with one read of the account instead of a lookup per
entry, and an optional purge of what the collection made and no entry wants any more.

Ownership: purge deletes only the resources listed in `owned`, which the caller keeps from the
`owned` this module returned on earlier runs (every resource it created is added there). A name
that looks like an entry's proves nothing, so nothing else is ever purged; and an owned resource
that has been changed by hand since (renamed, given another channel) is left alone, with a
warning, because someone else may have taken it over."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible_collections.twilio_ops.flex.plugins.module_utils._errors import TwilioApiError
from ansible_collections.twilio_ops.flex.plugins.module_utils._fields import get_path, recorded, recorded_spec, resource_options
from ansible_collections.twilio_ops.flex.plugins.module_utils._module import INVALID
from ansible_collections.twilio_ops.flex.plugins.module_utils._resolve import quoted
from ansible_collections.twilio_ops.flex.plugins.module_utils._resource import Change, Refusal
from ansible_collections.twilio_ops.flex.plugins.module_utils._sid import sid_problem


class ListingLookup:
    """For a module that manages a set: every page of the account read once; each question is
    answered from that listing. ignore_case: identities match without regard to case."""

    def __init__(self, resources, ignore_case=False):
        self.resources = resources
        self.ignore_case = ignore_case
        self.records = resources.list()
        self.index = dict((record.get('sid'), record) for record in self.records)
        # Every entry asks by identity (its twins too): one pass here, not one per entry, so that
        # a run of 2500 entries over 2500 resources stays linear.
        self.by_key = {}
        for record in self.records:
            self.by_key.setdefault(resources.identity_key(resources.identity_of(record), ignore_case), []).append(record)

    def by_sid(self, sid):
        return self.index.get(sid)

    def by_identity(self, identity):
        return list(self.by_key.get(self.resources.identity_key(identity, self.ignore_case), ()))


def set_argument_spec(family):
    """The options of a module for a set of resources of one family."""
    entry = resource_options(family)
    entry['known'] = dict(type='dict', options=recorded_spec(family))
    return dict(
        entries=dict(type='list', elements='dict', required=True, options=entry),
        purge=dict(type='bool', default=False),
        owned=dict(type='list', elements='dict', default=[], options=recorded_spec(family)),
        ignore_case=dict(type='bool', default=False),
    )


class ResourceSet:
    """One run of a set module: validate every entry, read what is needed once, plan every
    change (refusing everything before any write when one entry must be refused), then apply."""

    def __init__(self, module, resources):
        self.module = module
        self.resources = resources
        self.params = module.params
        self.results = []
        self.purged = []
        self.kept = []
        self.diffs = []
        self.owned = [dict(item) for item in self.params['owned']]

    def _input_problems(self, entries):
        problems = []
        for entry in entries:
            problems.extend('%s: %s' % (entry.label, problem) for problem in self.resources.problems(entry))
        seen = {}
        for entry in entries:
            keys = [('sid', entry.sid)] if entry.sid else []
            if None not in entry.identity:
                keys.append(('identity', self.resources.identity_key(entry.identity, self.params['ignore_case'])))
            for key in keys:
                if key in seen:
                    problems.append('%s and %s name the same %s' % (seen[key].label, entry.label, self.resources.label))
                seen.setdefault(key, entry)
        for item in self.owned:
            problem = sid_problem(item['sid'], self.resources.sid_prefix)
            if problem:
                problems.append('owned sid %s %s' % (quoted(item['sid']), problem))
        return problems

    def _plan(self, entries, lookup):
        refusals, changes, claimed = [], [], {}
        for entry in entries:
            try:
                current = self.resources.locate(entry, lookup)
                if current is not None and current.get('sid') in claimed:
                    raise Refusal('%s and this entry both mean %s' % (claimed[current['sid']].label, self.resources.summary(current)))
                if current is not None:
                    claimed[current['sid']] = entry
                change = self.resources.plan(entry, current, lookup)
                self._notice(change, lookup)
                changes.append(change)
            except Refusal as exc:
                refusals.append('%s: %s' % (entry.label, exc))
        if self.params['purge']:
            changes.extend(self._purge_plan(claimed, lookup))
        return refusals, changes

    def _notice(self, change, lookup):
        """What an operator must hear of an entry, in check mode too (change.notes, for its result):
        the twins of its resource (same identity and kind, made twice by hand or by two runs at
        once), never touched unless owned; a recorded resource that vanished and is made anew (web
        pages embed its SID); and an absence asked for that found nothing to delete."""
        family, entry, current = self.resources, change.desired, change.current
        change.notes = {}
        if current is not None:
            kinds = [option for option in family.recorded if option not in family.identity]
            twins = [record for record in lookup.by_identity(family.identity_of(current)) if record.get('sid') != current.get('sid')
                     and all(family.field(option).same(get_path(record, family.field(option).response),
                                                       get_path(current, family.field(option).response)) for option in kinds)]
            if twins:
                change.notes['duplicates'] = [dict(recorded(family, record), date_created=record.get('date_created')) for record in twins]
                self.module.warn_once('%s: %s has %d twin(s) with the same %s: %s; only %s is managed, and a twin is deleted '
                                      'only if this collection recorded it as made' % (
                                          entry.label, family.summary(current), len(twins), ' and '.join(family.identity + tuple(kinds)),
                                          ', '.join('%s created %s' % (record.get('sid'), record.get('date_created')) for record in twins),
                                          current.get('sid')))
        known = entry.known or {}
        if known.get('sid') and lookup.by_sid(known['sid']) is None and change.operation == 'create':
            change.notes['replaces'] = known['sid']
        if entry.state == 'absent' and current is None:
            if not known.get('sid'):
                why = 'no record of it'
            elif lookup.by_sid(known['sid']) is None:
                why = 'the recorded %s is gone' % known['sid']
            else:
                why = 'the recorded %s was changed since, and is left alone' % known['sid']
            self.module.warn_once('%s: state=absent found nothing to delete: %s, and no %s has this %s' % (
                entry.label, why, family.label, ' and '.join(family.identity)))

    def _purge_plan(self, claimed, lookup):
        """Deletes for the owned resources that no entry claims, still as they were made."""
        changes = []
        for item in self.owned:
            current = lookup.by_sid(item['sid'])
            if current is None or item['sid'] in claimed:
                continue
            changed = self.resources.changed_since_recorded(item, current)
            if changed:
                reason = ('made by this collection, but its %s changed since (by hand?); left as it is, delete it yourself if it should go'
                          % ' and '.join(changed))
                self.kept.append(dict(sid=item['sid'], reason=reason, resource=current))
                self.module.warn_once('purge: %s was %s' % (self.resources.summary(current), reason))
                continue
            changes.append(Change('delete', None, current))
        return changes

    def _cap_problem(self, lookup, changes):
        cap = self.resources.account_cap
        if not cap:
            return []
        after = len(lookup.records) + sum(1 for change in changes if change.operation == 'create') \
            - sum(1 for change in changes if change.operation == 'delete')
        if after > cap and any(change.operation == 'create' for change in changes):
            return ['this run would leave %d %s in the account; Twilio allows %d' % (after, self.resources.plural, cap)]
        return []

    def _record(self, change, resource, before, after):
        """Results, the diff and the owned list, for a change carried out (or predicted)."""
        if change.operation in ('create', 'update', 'delete'):
            # Headed by what users recognise: the name (or address) and, once it exists, the SID.
            before_header = (self.resources.summary(change.current) if change.current
                             else '%s (absent)' % ' '.join(quoted(value) for value in change.desired.identity))
            after_header = '%s: %s' % (self.resources.summary(resource) if resource.get('sid') else before_header.replace(' (absent)', ''),
                                       change.operation)
            self.diffs.append(dict(before_header=before_header, after_header=after_header, before=before, after=after))
        if change.operation == 'delete':
            self.owned = [item for item in self.owned if item['sid'] != change.current['sid']]
        if change.operation in ('create', 'update') and resource.get('sid'):
            # What the collection made is owned from now on; an owned resource it renamed is
            # recorded with its new name, so that purge still recognises it.
            item = recorded(self.resources, resource)
            known = [position for position, owned in enumerate(self.owned) if owned['sid'] == item['sid']]
            if known:
                self.owned[known[0]] = item
            elif change.operation == 'create':
                self.owned.append(item)

    def run(self):
        resources = self.resources
        entries = [resources.desired(entry, where='entry %d' % number) for number, entry in enumerate(self.params['entries'], 1)]
        problems = self._input_problems(entries)
        if problems:
            self.fail(INVALID + '; '.join(problems))
        # The family's own product is used in any case: its URL is checked before any request.
        resources.collection_url()
        changes, writing = [], None
        try:
            refusals = []
            for entry in entries:
                refusals.extend('%s: %s' % (entry.label, problem) for problem in resources.resolve(entry))
            lookup = ListingLookup(resources, self.params['ignore_case'])
            # Owned resources that no longer exist are forgotten: nothing is left to own.
            self.owned = [item for item in self.owned if lookup.by_sid(item['sid']) is not None]
            planned, changes = self._plan(entries, lookup)
            refusals.extend(planned)
            refusals.extend(self._cap_problem(lookup, changes))
            if refusals:
                raise Refusal('; '.join(refusals))
            for writing, change in enumerate(changes):
                resource, before, after = resources.apply(change)
                self._record(change, resource, before, after)
                if change.desired is not None:
                    result = dict(operation=change.operation, changed=change.operation != 'none')
                    result[resources.result_key] = resource
                    result.update(resources.describe(resource) if resource else {})
                    result.update(change.notes)
                    if 'replaces' in change.notes:
                        self.module.warn_once('%s: the recorded %s %s is gone (deleted by hand?), so %s in its place: web pages '
                                              'that embed %s must be changed' % (
                                                  change.desired.label, resources.label, change.notes['replaces'],
                                                  'one would be made' if self.module.check_mode else 'a new one was made, %s,' % resource.get('sid'),
                                                  change.notes['replaces']))
                    self.results.append(result)
                else:
                    self.purged.append(dict(sid=change.current['sid'], operation='delete', resource=change.current))
        except Refusal as exc:
            self.fail('Nothing was written: %s' % exc)
        except TwilioApiError as exc:
            self.fail(str(exc), error=exc.as_result(), **self._unreached(changes, writing))
        except Exception as exc:  # pylint: disable=broad-except
            # A defect must not lose what was made before it: owned and the results still come back.
            self.fail('unexpected error, please report it: %s: %s' % (exc.__class__.__name__, exc), exception=traceback.format_exc(),
                      **self._unreached(changes, writing))
        self.exit()

    @staticmethod
    def _unreached(changes, writing):
        """The entries after the one whose write failed, which were not carried out."""
        if writing is None:
            return {}
        return dict(unreached=len([change for change in changes[writing + 1:] if change.desired is not None]))

    def _result(self):
        changed = any(result['changed'] for result in self.results) or bool(self.purged)
        result = dict(changed=changed, results=self.results, purged=self.purged, kept=self.kept, owned=self.owned)
        if self.module._diff:
            result['diff'] = self.diffs
        return result

    def exit(self):
        self.module.exit(self._result())

    def fail(self, msg, **extra):
        extra.update(self._result())
        self.module.fail(msg, **extra)
