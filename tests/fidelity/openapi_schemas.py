# Copyright (c) 2026 twilio_ops.flex contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Response schemas from Twilio's official OpenAPI documents, turned into JSON Schema validators.

The documents are read where the project keeps them (<repo>/../shared/twilio-oai, or the folder
named by TWILIO_OAI_DIR); they are never copied into the repository. OpenAPI 3.0 differs from JSON
Schema in `nullable` (turned into a type list here) and in `format`s, which are checked the way
Twilio means them: `date-time` is Twilio's `2016-08-01T22:10:40Z`, `uri` an absolute http(s) URL,
and `uri-map` an object of such URLs.
"""

import copy
import json
import os
import re
import time
from urllib.parse import urlsplit

import jsonschema

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_SPEC_DIR = os.path.join(os.path.dirname(REPO), 'shared', 'twilio-oai')
TWILIO_TIMESTAMP = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')


def spec_dir():
    return os.environ.get('TWILIO_OAI_DIR') or DEFAULT_SPEC_DIR


def load_spec(name):
    """The parsed spec document `name` (e.g. twilio_flex_v1.json), or None when it is absent."""
    path = os.path.join(spec_dir(), name)
    if not os.path.isfile(path):
        return None
    with open(path) as stream:
        return json.load(stream)


FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks('date-time', raises=ValueError)
def _twilio_timestamp(value):
    if not isinstance(value, str):
        return True
    if not TWILIO_TIMESTAMP.match(value):
        return False
    time.strptime(value, '%Y-%m-%dT%H:%M:%SZ')
    return True


@FORMATS.checks('uri')
def _absolute_uri(value):
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ('http', 'https') and bool(parts.netloc) and ' ' not in value


@FORMATS.checks('uri-map')
def _uri_map(value):
    if not isinstance(value, dict):
        return True
    return all(isinstance(url, str) and _absolute_uri(url) for url in value.values())


def _to_json_schema(node, schemas, strict):
    """Resolve $refs, turn `nullable` into JSON Schema; with `strict`, objects that list their
    properties must have exactly those (all required, nothing else)."""
    if isinstance(node, list):
        return [_to_json_schema(item, schemas, strict) for item in node]
    if not isinstance(node, dict):
        return node
    if '$ref' in node:
        name = node['$ref'].split('/')[-1]
        return _to_json_schema(schemas[name], schemas, strict)
    result = {}
    for key, value in node.items():
        if key in ('properties', 'patternProperties'):
            result[key] = dict((name, _to_json_schema(sub, schemas, strict)) for name, sub in value.items())
        elif key in ('items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'not'):
            result[key] = _to_json_schema(value, schemas, strict)
        elif key not in ('nullable', 'description', 'x-twilio', 'example', 'title'):
            result[key] = copy.deepcopy(value)
    if node.get('nullable'):
        if 'type' in result:
            result['type'] = [result['type'], 'null']
        if 'enum' in result:
            result['enum'] = list(result['enum']) + [None]
    if strict and 'properties' in result:
        result['required'] = sorted(result['properties'])
        result['additionalProperties'] = False
    return result


def operation(spec, operation_id):
    """(path, method, operation object) of `operation_id`, e.g. UpdateDocument."""
    for path, path_item in spec['paths'].items():
        for method, found in path_item.items():
            if isinstance(found, dict) and found.get('operationId') == operation_id:
                return path, method, found
    raise KeyError('no operation {0} in the spec'.format(operation_id))


def response_validator(spec, operation_id, status, strict=True):
    """A validator for the JSON body that `operation_id` answers with `status`."""
    schema = operation(spec, operation_id)[2]['responses'][str(status)]['content']['application/json']['schema']
    converted = _to_json_schema(schema, spec['components']['schemas'], strict)
    jsonschema.Draft7Validator.check_schema(converted)
    return jsonschema.Draft7Validator(converted, format_checker=FORMATS)


def response_headers(spec, operation_id, status):
    """The names of the headers the spec declares for this answer (e.g. ETag)."""
    return set(operation(spec, operation_id)[2]['responses'][str(status)].get('headers', {}))


def form_schema(spec, operation_id):
    """The form (application/x-www-form-urlencoded) schema of an operation's request body."""
    return operation(spec, operation_id)[2]['requestBody']['content']['application/x-www-form-urlencoded']['schema']


def parameters(spec, operation_id, where):
    """name -> parameter object for the parameters `in` where (path, query, header)."""
    return dict((parameter['name'], parameter) for parameter in operation(spec, operation_id)[2].get('parameters', []) if parameter['in'] == where)


def property_names(spec, schema_name):
    """The property names of a components schema, e.g. flex.v1.flex_flow."""
    return set(spec['components']['schemas'][schema_name]['properties'])
