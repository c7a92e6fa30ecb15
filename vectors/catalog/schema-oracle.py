#!/usr/bin/env python3
"""Independent oracle for hookspec's envelope validator (SPEC §5).

Checks envelope bodies with Python's `jsonschema` package against the generated JSON Schemas
in schemas/ and prints, per body, the outcome in the vocabulary of hookspec's EnvelopeResult:
outcome code, type, variant, problems as "code /json/pointer", user_metadata locations.
The Swift harness compares that with its own validator.

Input (stdin): a JSON array of {"name": str, "body_base64": str}.
Output (stdout): a JSON array of results in the same order.
Usage: schema-oracle.py SCHEMAS_DIR < bodies.json
Exit codes: 0 ok, 2 usage, 3 jsonschema missing.
"""
import base64
import glob
import json
import os
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:
    sys.stderr.write("schema-oracle: the Python package jsonschema is missing; install it with `python3 -m pip install jsonschema`\n")
    sys.exit(3)


class NotStrictJSON(Exception):
    pass


def parse_strict(raw):
    """JSON as hookspec's StrictJSONParser reads it: UTF-8, no duplicate names, no lone
    surrogates, no NaN/Infinity."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotStrictJSON(str(error))

    def pairs(members):
        names = [name for name, _ in members]
        if len(set(names)) != len(names):
            raise NotStrictJSON("duplicate member")
        return dict(members)

    def constant(name):
        raise NotStrictJSON("non-standard constant " + name)

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except (ValueError, RecursionError) as error:
        raise NotStrictJSON(str(error))

    def walk(node):
        if isinstance(node, str):
            node.encode("utf-8")  # raises on a lone surrogate
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for name, item in node.items():
                walk(name)
                walk(item)

    try:
        walk(value)
    except UnicodeEncodeError as error:
        raise NotStrictJSON(str(error))
    return value


def pointer(parts):
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def collect(error, base, out):
    path = tuple(base) + tuple(error.absolute_path)
    keyword = error.validator
    if keyword == "anyOf":
        # The nearest branch (fewest problems, first on ties), as the Swift validator names it.
        branches = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        best = None
        for index in sorted(branches):
            found = set()
            for sub in branches[index]:
                collect(sub, base, found)
            if best is None or len(found) < len(best):
                best = found
        out |= best or set()
    elif keyword == "required":
        for name in error.validator_value:
            if isinstance(error.instance, dict) and name not in error.instance:
                out.add(("member_missing", pointer(path + (name,))))
    elif keyword == "type":
        out.add(("member_wrong_type", pointer(path)))
    elif keyword == "const" and path == ("version",):
        out.add(("version_unsupported", pointer(path)))
    elif keyword == "pattern" and path == ("timestamp",):
        out.add(("timestamp_not_rfc3339", pointer(path)))
    elif keyword == "minLength":
        out.add(("member_empty", pointer(path)))
    else:
        out.add(("unmapped_" + str(keyword), pointer(path)))


def problems(validator, instance, base=()):
    found = set()
    for error in validator.iter_errors(instance):
        collect(error, base, found)
    wrong_type = {path for code, path in found if code == "member_wrong_type"}
    # A member of the wrong type is reported once, as the Swift validator does.
    return {(code, path) for code, path in found if code == "member_wrong_type" or path not in wrong_type}


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    directory = sys.argv[1]
    envelope = Draft202012Validator(json.load(open(os.path.join(directory, "envelope.schema.json"), encoding="utf-8")))
    types = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.schema.json"))):
        if os.path.basename(path) == "envelope.schema.json":
            continue
        schema = json.load(open(path, encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        types[schema["title"]] = schema

    results = []
    for item in json.load(sys.stdin):
        result = {"name": item["name"], "outcome": None, "type": None, "variant": None, "problems": [], "user_metadata": []}
        results.append(result)
        try:
            value = parse_strict(base64.b64decode(item["body_base64"], validate=True))
        except NotStrictJSON:
            result["outcome"] = "envelope_not_json"
            continue
        if not isinstance(value, dict):
            result["outcome"] = "envelope_not_object"
            continue
        if "user_metadata" in value:
            result["user_metadata"].append("/user_metadata")
        data = value.get("data")
        if isinstance(data, dict) and "user_metadata" in data:
            result["user_metadata"].append("/data/user_metadata")
        found = problems(envelope, value)
        kind = value.get("type")
        if isinstance(kind, str):
            result["type"] = kind
        schema = types.get(kind) if isinstance(kind, str) else None
        if schema is None:
            result["outcome"] = "envelope_unknown_type" if isinstance(kind, str) and not found else "envelope_invalid"
        else:
            found |= problems(Draft202012Validator(schema), value)
            if isinstance(data, dict):
                nearest = None
                for branch in schema["properties"]["data"]["anyOf"]:
                    count = len(problems(Draft202012Validator(branch), data, ("data",)))
                    if nearest is None or count < nearest[0]:
                        nearest = (count, branch["title"])
                    if count == 0:
                        break
                result["variant"] = nearest[1]
            if found:
                result["outcome"] = "envelope_invalid"
            elif schema.get("x-hookspec", {}).get("status") == "alias":
                result["outcome"] = "envelope_alias"
            else:
                result["outcome"] = "envelope_valid"
        result["problems"] = sorted(code + " " + path for code, path in found)
    json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
