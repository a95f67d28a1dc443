"""Drives `vmcp stdio` with the official Python MCP SDK client and prints what it saw as JSON.

Usage: python_client.py VMCP_BINARY ARGS...   (the vMCP must include server-everything as `ev`
and mcp-server-time as `time`).
"""
import json
import os
import sys

import anyio
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client


async def main() -> None:
    # The SDK passes only a few variables to the server by default; vmcp needs VMCP_HOME (the
    # test's private home), or it would write its call log into the user's data directory.
    env = {"VMCP_HOME": os.environ["VMCP_HOME"]}
    params = StdioServerParameters(command=sys.argv[1], args=sys.argv[2:], env=env)
    out: dict = {"progress": []}

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        out["progress"].append(progress)

    async with stdio_client(params) as streams:
        read, write = streams[0], streams[1]
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            out["server"] = init.server_info.name
            out["instructions"] = init.instructions
            tools = await session.list_tools()
            out["tools"] = [t.name for t in tools.tools]
            echo = await session.call_tool("ev_echo", {"message": "from python"})
            out["echo"] = echo.content[0].text
            now = await session.call_tool("time_get_current_time", {"timezone": "UTC"})
            out["time"] = json.loads(now.content[0].text)
            long = await session.call_tool(
                "ev_trigger-long-running-operation",
                {"duration": 1, "steps": 3},
                progress_callback=on_progress,
            )
            out["long"] = long.content[0].text
            resources = await session.list_resources()
            out["resources"] = len(resources.resources)
            prompts = await session.list_prompts()
            out["prompts"] = [p.name for p in prompts.prompts]
    print(json.dumps(out))


anyio.run(main)
