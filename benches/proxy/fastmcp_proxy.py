# The peer of the HTTP table: FastMCP's proxy (PyPI `fastmcp`, measured with 4.2.3) serving the
# same upstream over streamable HTTP. Usage: python fastmcp_proxy.py UPSTREAM_URL PORT
import sys

from fastmcp.server import create_proxy

create_proxy(sys.argv[1], name="peer").run(
    transport="http", host="127.0.0.1", port=int(sys.argv[2]), show_banner=False
)
