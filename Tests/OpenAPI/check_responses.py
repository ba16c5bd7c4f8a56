#!/usr/bin/python3
"""Validates real answers of followupd against docs/openapi.yaml.

Usage: check_responses.py SPEC EXCHANGES.jsonl

Each line of EXCHANGES is one request the test made and what came back:
{"method":"GET","path":"/v1/leads/{id}","status":200,"content_type":"application/json","body":"..."}
where `path` is the spec's path template. Every answer must be documented
(its path, method, status and media type) and a JSON body must match the
schema; every operation of the spec must have been called at least once.
Exit 0 when everything holds, 1 listing every mismatch, 2 on bad usage,
3 when python3-jsonschema or python3-yaml is missing (scripts/bootstrap).
"""
import json
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"check_responses: {error}: run scripts/bootstrap (python3-jsonschema, python3-yaml)", file=sys.stderr)
    sys.exit(3)


def pointer(*parts):
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        spec = yaml.safe_load(f)
    problems = []
    called = set()
    with open(sys.argv[2]) as f:
        for number, line in enumerate(f, 1):
            x = json.loads(line)
            method, path, status = x["method"].lower(), x["path"], str(x["status"])
            where = f"{sys.argv[2]}:{number}: {x['method']} {path} → {status}"
            operation = spec["paths"].get(path, {}).get(method)
            if operation is None:
                problems.append(f"{where}: no such operation in the spec")
                continue
            called.add((method, path))
            response = operation["responses"].get(status)
            if response is None:
                problems.append(f"{where}: status not documented (documented: {', '.join(operation['responses'])})")
                continue
            ref = None
            if "$ref" in response:
                name = response["$ref"].split("/")[-1]
                response, ref = spec["components"]["responses"][name], ("components", "responses", name)
            media = x["content_type"].split(";")[0].strip()
            content = response.get("content", {})
            if media not in content:
                problems.append(f"{where}: media type {media!r} not documented ({', '.join(content) or 'no body'})")
                continue
            if media != "application/json":
                continue
            base = ref or ("paths", path, method, "responses", status)
            schema = dict(spec)
            schema["$ref"] = pointer(*base, "content", media, "schema")
            try:
                body = json.loads(x["body"])
            except ValueError as error:
                problems.append(f"{where}: body is not JSON: {error}")
                continue
            validator = jsonschema.Draft202012Validator(schema)
            for error in sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path)):
                at = "/".join(str(p) for p in error.absolute_path) or "(body)"
                problems.append(f"{where}: {at}: {error.message}")
    for path, operations in spec["paths"].items():
        for method in operations:
            if (method, path) not in called:
                problems.append(f"{method.upper()} {path}: never called")
    for problem in problems:
        print(problem)
    print(f"check_responses: {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
