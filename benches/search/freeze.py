#!/usr/bin/env python3
"""Freezes the LiveMCPBench tool corpus into corpus.json (see README.md beside this file).

Usage: freeze.py PATH/TO/LiveMCPBench/tools/LiveMCPTool/tools.json > corpus.json

Keeps, per server, the MCP tool definitions (name, title, description, inputSchema, annotations)
and drops the rest (install commands, web pages, JSON-schema boilerplate). Output is one server
per line, keys in a fixed order, so diffs stay readable and the file is deterministic.
"""
import json
import re
import sys

DROP_SCHEMA_KEYS = {"$schema", "additionalProperties"}


def clean_schema(value):
    if isinstance(value, dict):
        return {k: clean_schema(v) for k, v in value.items() if k not in DROP_SCHEMA_KEYS}
    if isinstance(value, list):
        return [clean_schema(v) for v in value]
    return value


def tool(t):
    out = {"name": t["name"]}
    for key in ("title", "description"):
        if t.get(key):
            out[key] = t[key]
    out["inputSchema"] = clean_schema(t.get("inputSchema") or {"type": "object"})
    annotations = {k: v for k, v in (t.get("annotations") or {}).items() if v is not None}
    if annotations:
        out["annotations"] = annotations
    return out


def main():
    entries = json.load(open(sys.argv[1], encoding="utf-8"))
    servers = []
    seen = set()
    for entry in entries:
        for key, block in entry["tools"].items():
            # vmcp's exposed-name rule: characters outside [A-Za-z0-9_-] become `_`.
            name = re.sub(r"[^A-Za-z0-9_-]", "_", key)
            assert name not in seen, name
            seen.add(name)
            tools = [tool(t) for t in block["tools"]]
            for t in tools:
                assert len(f"{name}_{t['name']}") <= 64, t["name"]
            servers.append({"server": name, "tools": tools})
    lines = [json.dumps(s, ensure_ascii=False, separators=(",", ":")) for s in servers]
    sys.stdout.write("[\n" + ",\n".join(lines) + "\n]\n")


main()
