#!/bin/sh
# A scripted MCP conversation with `vmcp stdio` -- what an AI client does, without the AI client.
# Each line printed is one JSON-RPC response from vmcp.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
{
  echo '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"demo.sh","version":"1"}}}'
  echo '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  echo '{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
  echo '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"say","arguments":{"message":"hello through vmcp"}}}'
  echo '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"b_add","arguments":{"a":2,"b":40}}}'
  echo '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"tally","arguments":{}}}'
  echo '{"jsonrpc":"2.0","id":6,"method":"prompts/get","params":{"name":"alpha_greet","arguments":{"name":"Ada"}}}'
} | vmcp stdio --vmcp demo --config "$here/demo.yaml"
