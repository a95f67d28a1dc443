"""Logs in to a `vmcp serve --oauth-issuer` endpoint with the official Python MCP SDK's OAuth
client, knowing nothing but its URL, then lists and calls a tool; prints what it saw as JSON.

Usage: python_oauth_client.py URL TOOL

The SDK finds the authorization server from the 401 challenge and the protected-resource
metadata, registers, and runs the authorization code flow with PKCE. The "browser" here fetches
the authorization URL (the test authorization server approves at once) and hands the code back.
"""
import json
import sys
from urllib.parse import parse_qs, urlparse

import anyio
import httpx2
from mcp.client.auth import OAuthClientProvider
from mcp.client.session import ClientSession
from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientMetadata


class Memory:
    def __init__(self) -> None:
        self.tokens = None
        self.client = None

    async def get_tokens(self):
        return self.tokens

    async def set_tokens(self, tokens) -> None:
        self.tokens = tokens

    async def get_client_info(self):
        return self.client

    async def set_client_info(self, info) -> None:
        self.client = info


async def main() -> None:
    url, tool = sys.argv[1], sys.argv[2]
    seen: dict = {}

    async def browser(authorization_url: str) -> None:
        query = parse_qs(urlparse(authorization_url).query)
        seen["scope"] = query.get("scope", [""])[0]
        seen["resource"] = query.get("resource", [""])[0]
        async with httpx2.AsyncClient(follow_redirects=False) as http:
            answer = await http.get(authorization_url)
        back = parse_qs(urlparse(answer.headers["location"]).query)
        seen["callback"] = {k: v[0] for k, v in back.items()}

    async def callback() -> AuthorizationCodeResult:
        c = seen["callback"]
        return AuthorizationCodeResult(code=c["code"], state=c.get("state"), iss=c.get("iss"))

    auth = OAuthClientProvider(
        server_url=url,
        client_metadata=OAuthClientMetadata(
            client_name="python-sdk-test",
            redirect_uris=["http://127.0.0.1:9/callback"],
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
        ),
        storage=Memory(),
        redirect_handler=browser,
        callback_handler=callback,
    )
    async with create_mcp_http_client(auth=auth) as http:
        async with streamable_http_client(url, http_client=http) as streams:
            read, write = streams[0], streams[1]
            async with ClientSession(read, write) as session:
                await session.initialize()
                tools = await session.list_tools()
                seen["tools"] = [t.name for t in tools.tools]
                result = await session.call_tool(tool, {"message": "from python"})
                seen["echo"] = result.content[0].text
    print(json.dumps(seen))


anyio.run(main)
