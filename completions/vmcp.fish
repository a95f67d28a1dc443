# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_vmcp_global_optspecs
    string join \n v/verbose q/quiet log-file= no-progress h/help V/version
end

function __fish_vmcp_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_vmcp_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_vmcp_using_subcommand
    set -l cmd (__fish_vmcp_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c vmcp -n "__fish_vmcp_needs_command" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_needs_command" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_needs_command" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_needs_command" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_needs_command" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_needs_command" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "stdio" -d 'Serve a vMCP over stdio: the command an AI client launches'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "serve" -d 'Serve vMCPs over streamable HTTP to many clients (`vmcp serve token` manages access)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "check" -d 'Validate definitions, then start each vMCP and verify what it exposes (for CI)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "tools" -d 'List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "tool" -d 'List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "prompts" -d 'List or get the prompts a vMCP exposes'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "resources" -d 'List or read the resources a vMCP exposes'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "call" -d 'Call one tool of a vMCP and print its result (exit 7 when the tool reports an error)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "server" -d 'Manage upstream servers in the store'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "registry" -d 'Find servers in MCP registries (`registry.url`): search, show an entry'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "vmcp" -d 'Manage vMCP definitions in the store'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "import" -d 'Import servers and vMCPs from a definition file (or another client\'s config)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "install" -d 'Add a vMCP to an AI client\'s MCP configuration (backed up first; `--dry-run` shows the diff)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "uninstall" -d 'Remove a vMCP from an AI client\'s MCP configuration'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "stats" -d 'Calls, errors and latency per server and tool, from the call log'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "log" -d 'The most recent calls (`--follow` to keep watching)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "trust" -d 'What upstream tools looked like when approved, and what changed since'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "cache" -d 'The catalog cache that answers a session\'s first `tools/list` at once'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "settings" -d 'Settings kept in the store (call log retention…)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "auth" -d 'Credentials of remote servers (`vmcp auth status`)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "login" -d 'Log in to a remote server with OAuth (opens a browser; `--no-browser` prints the URL)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "logout" -d 'Forget a server\'s OAuth credentials (revoked first where the server supports it)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "doctor" -d 'Explain the environment: paths, store health, servers\' commands, installed clients, versions'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c vmcp -n "__fish_vmcp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand stdio" -l vmcp -d 'The vMCP to serve' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand stdio" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand stdio" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand stdio" -l no-watch -d 'Do not follow edits of the definition while serving (SIGHUP still reloads it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand stdio" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand stdio" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand stdio" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand stdio" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand stdio" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l vmcp -d 'Serve only this vMCP (repeatable; default: every vMCP)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l listen -d 'Address to listen on. Anything but loopback requires tokens (no `--no-auth`)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l oauth-issuer -d 'Also accept OAuth access tokens (JWTs) from this authorization server, named by its issuer URL; clients discover it from /.well-known/oauth-protected-resource' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l oauth-audience -d 'Accept this token audience too, besides each vMCP\'s URL and the server\'s (repeatable)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l public-url -d 'The URL clients reach this server at (behind a reverse proxy): tokens\' audience and the metadata derive from it [default: http://<listen address>]' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l oauth-jwks-cooldown -d 'The least time between fetches of the issuer\'s keys that tokens naming an unknown key may cause [default: 30s]' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l session-ttl -d 'A 2025-11-25 client\'s session ends after this long without requests [default: 30m]' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l max-sessions -d 'Live 2025-11-25 sessions at most; the least recently used one ends for a new one' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l max-concurrent -d 'Requests in progress at most per 2025-11-25 session; one more is refused at once with 429 and a JSON-RPC error, never queued' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l allow-origin -d 'A browser origin allowed to call (repeatable; loopback origins are allowed on a loopback address)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l grace -d 'On SIGTERM/SIGINT, how long requests in progress may take to finish [default: 10s]' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l max-body -d 'The largest request body accepted, in bytes' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l no-auth -d 'Serve loopback without authentication (any local process can then use the vMCPs)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l no-watch -d 'Do not follow edits of the definitions while serving (SIGHUP still reloads them)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -f -a "token" -d 'Bearer tokens that let clients in'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and not __fish_seen_subcommand_from token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -f -a "create" -d 'Create a token and print it (once: only its digest is stored)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -f -a "list" -d 'List tokens (names, vMCPs, when created and last used; never the secrets)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -f -a "ls" -d 'List tokens (names, vMCPs, when created and last used; never the secrets)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke a token (a running server refuses it within a second)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -f -a "rm" -d 'Revoke a token (a running server refuses it within a second)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from token" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "token" -d 'Bearer tokens that let clients in'
complete -c vmcp -n "__fish_vmcp_using_subcommand serve; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml and the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -l vmcp -d 'Check only this vMCP' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -l expect-tool -d 'Fail unless the vMCP exposes this tool (repeatable; needs --vmcp)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -l all -d 'Check every vMCP (the default without --vmcp)'
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -l offline -d 'Validate the definitions only; start no server'
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -l json -d 'Print the report as JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -l strict -d 'Fail on warnings too (tool definitions that look poisoned)'
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand check" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -f -a "list" -d 'List the tools the vMCP exposes, with the server each comes from'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -f -a "ls" -d 'List the tools the vMCP exposes, with the server each comes from'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -f -a "search" -d 'Rank the vMCP\'s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -f -a "test" -d 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and not __fish_seen_subcommand_from list ls search test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from list" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from list" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from list" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from ls" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from ls" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from ls" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from ls" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -s n -l limit -d 'How many tools to show, best first (default: the vMCP\'s `tool_search.results`, 8)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -l args -d 'Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -l render-only -d 'Show what the call would do (the rendered template, program, request or steps) as JSON, without running anything or starting any server'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -l json -d 'Print the whole result as JSON, verbatim (content, structuredContent, isError)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the tools the vMCP exposes, with the server each comes from'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from help" -f -a "search" -d 'Rank the vMCP\'s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from help" -f -a "test" -d 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tools; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -f -a "list" -d 'List the tools the vMCP exposes, with the server each comes from'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -f -a "ls" -d 'List the tools the vMCP exposes, with the server each comes from'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -f -a "search" -d 'Rank the vMCP\'s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -f -a "test" -d 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and not __fish_seen_subcommand_from list ls search test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from list" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from list" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from list" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from ls" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from ls" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from ls" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from ls" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -s n -l limit -d 'How many tools to show, best first (default: the vMCP\'s `tool_search.results`, 8)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -l args -d 'Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -l render-only -d 'Show what the call would do (the rendered template, program, request or steps) as JSON, without running anything or starting any server'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -l json -d 'Print the whole result as JSON, verbatim (content, structuredContent, isError)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the tools the vMCP exposes, with the server each comes from'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from help" -f -a "search" -d 'Rank the vMCP\'s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from help" -f -a "test" -d 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand tool; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -f -a "list" -d 'List the prompts the vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -f -a "ls" -d 'List the prompts the vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -f -a "get" -d 'Get a prompt with its arguments (`key=value`…) and print its messages'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and not __fish_seen_subcommand_from list ls get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from list" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from list" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from list" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from ls" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from ls" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from ls" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from ls" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from get" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from get" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from get" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from get" -l json -d 'Print the result as JSON, verbatim'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from get" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from get" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the prompts the vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from help" -f -a "get" -d 'Get a prompt with its arguments (`key=value`…) and print its messages'
complete -c vmcp -n "__fish_vmcp_using_subcommand prompts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -f -a "list" -d 'List the resources and resource templates the vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -f -a "ls" -d 'List the resources and resource templates the vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -f -a "read" -d 'Read a resource: text is printed; binary content is written as bytes when stdout is not a terminal (`> file.png`)'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and not __fish_seen_subcommand_from list ls read help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from list" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from list" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from list" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from ls" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from ls" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from ls" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from ls" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from read" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from read" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from read" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from read" -l json -d 'Print the result as JSON, verbatim'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from read" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from read" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from read" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from read" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from read" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the resources and resource templates the vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from help" -f -a "read" -d 'Read a resource: text is printed; binary content is written as bytes when stdout is not a terminal (`> file.png`)'
complete -c vmcp -n "__fish_vmcp_using_subcommand resources; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -l vmcp -d 'The vMCP to open' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -s c -l config -d 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -l args -d 'Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -l json -d 'Print the whole result as JSON, verbatim (content, structuredContent, isError)'
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand call" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "add" -d 'Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or `--from ENTRY` (an MCP registry entry)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "list" -d 'List servers (stored ones and those of the default definition file)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "ls" -d 'List servers (stored ones and those of the default definition file)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "show" -d 'Show one server'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "edit" -d 'Edit a stored server\'s YAML in $VISUAL / $EDITOR (saved only if valid)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "rename" -d 'Rename a stored server; vMCPs using it follow'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "remove" -d 'Remove a stored server'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "rm" -d 'Remove a stored server'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "outdated" -d 'Servers added from a registry (`--from`) whose entry has a newer version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "upgrade" -d 'Move a server added from a registry to the entry\'s newest version, with the same choices (its trust settings still review changed tools)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "test" -d 'Start the server, list what it offers with timings, and stop it'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "approve" -d 'Start the server and record its tools as approved (their whole definitions, hashed), so later changes show in `vmcp trust diff`'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and not __fish_seen_subcommand_from add list ls show edit rename remove rm outdated upgrade test approve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l url -d 'Streamable HTTP endpoint (instead of a command)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l from -d 'An MCP registry entry, `NAME[@VERSION]` (default: the latest), made into the server: a package this machine can run, else a remote (`vmcp registry search` finds names)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l registry -d 'With `--from`: ask this registry (its base URL) instead of the `registry.url` setting' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l package -d 'With `--from`: use the entry\'s package of this type (`npm`, `pypi`, `oci`)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l remote -d 'With `--from`: use the entry\'s remote N (1 for the first)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l arg -d 'With `--from`: a value for the entry\'s arguments (repeatable): `VALUE` fills the next positional argument, `KEY=VALUE` the argument or variable named KEY (`--port=8080`, `host=example.com`)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -s e -l env -d 'Environment variable for the child, `KEY=VALUE` (repeatable). Use `${env:VAR}` to keep a secret in your environment rather than in the store. With `--from`, secrets not given (nor typed at the prompt) are stored as `${env:NAME}`' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l cwd -d 'Working directory of the child' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -s H -l header -d 'HTTP header, `NAME=VALUE` (repeatable)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l transport -d 'Transport of a URL server' -r -f -a "http\t''
sse\t''"
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l trust -d '`pinned`: its tools are approved automatically the first time they are listed (flagged ones excepted), later new or changed ones wait for `vmcp server approve`; `review`: nothing is exposed until `vmcp server approve`; `always`: whatever the server offers. Default: the `trust.default` setting (`pinned`)' -r -f -a "pinned\t''
review\t''
always\t''"
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l description -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l startup-timeout -d 'Startup deadline (e.g. `60s`)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l call-timeout -d 'Idle timeout of one request (e.g. `5m`)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l approve -d 'Start the server and approve the tools it offers now, flagged ones included (without asking)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l no-approve -d 'Do not start it now: no question about approving a `review` server, no note'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l replace -d 'Replace a server of the same name'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from list" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from list" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from list" -l show-secrets -d 'Show env and header values that look like secrets'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from ls" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from ls" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from ls" -l show-secrets -d 'Show env and header values that look like secrets'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from ls" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from show" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from show" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from show" -l show-secrets
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from show" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from edit" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from edit" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rename" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rename" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rename" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rename" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from remove" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from remove" -l force -d 'Also remove it from the vMCPs that use it'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from remove" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rm" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rm" -l force -d 'Also remove it from the vMCPs that use it'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rm" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from outdated" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from outdated" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from outdated" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from outdated" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from outdated" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from outdated" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from outdated" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from upgrade" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from upgrade" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from upgrade" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from upgrade" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from upgrade" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from upgrade" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from upgrade" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from test" -s c -l config -d 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from test" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from test" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from test" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from test" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from approve" -s c -l config -d 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from approve" -l tool -d 'Approve only this tool (repeatable); a tool no longer offered loses its pin' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from approve" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from approve" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from approve" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from approve" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from approve" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from approve" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or `--from ENTRY` (an MCP registry entry)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "list" -d 'List servers (stored ones and those of the default definition file)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one server'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Edit a stored server\'s YAML in $VISUAL / $EDITOR (saved only if valid)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a stored server; vMCPs using it follow'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a stored server'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "outdated" -d 'Servers added from a registry (`--from`) whose entry has a newer version'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "upgrade" -d 'Move a server added from a registry to the entry\'s newest version, with the same choices (its trust settings still review changed tools)'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "test" -d 'Start the server, list what it offers with timings, and stop it'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Start the server and record its tools as approved (their whole definitions, hashed), so later changes show in `vmcp trust diff`'
complete -c vmcp -n "__fish_vmcp_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -f -a "search" -d 'Search the registries for servers whose name holds QUERY (all servers without one)'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -f -a "show" -d 'Show one entry: its versions, packages and remotes, and the values they take'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -f -a "clear-cache" -d 'Forget the registry answers cached in the store'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and not __fish_seen_subcommand_from search show clear-cache help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -l limit -d 'Entries per page' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -l cursor -d 'Continue a listing where the previous page ended (as that page said)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -l updated-since -d 'Only entries updated since this time (RFC 3339, e.g. `2026-01-31T00:00:00Z`)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -l registry -d 'Ask this registry (its base URL) instead of those of the `registry.url` setting' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from show" -l registry -d 'Ask this registry (its base URL) instead of those of the `registry.url` setting' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from show" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from show" -l json -d 'Print JSON: the registry\'s answer as sent, with its versions'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from show" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from clear-cache" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from clear-cache" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from clear-cache" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from clear-cache" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from clear-cache" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from clear-cache" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "search" -d 'Search the registries for servers whose name holds QUERY (all servers without one)'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one entry: its versions, packages and remotes, and the values they take'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "clear-cache" -d 'Forget the registry answers cached in the store'
complete -c vmcp -n "__fish_vmcp_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "create" -d 'Create a vMCP in the store'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "list" -d 'List vMCPs (stored ones and those of the default definition file)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "ls" -d 'List vMCPs (stored ones and those of the default definition file)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "show" -d 'Show a vMCP and say which source defines it'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "edit" -d 'Edit a stored vMCP\'s YAML in $VISUAL / $EDITOR (saved only if valid)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "remove" -d 'Remove a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "rm" -d 'Remove a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "export" -d 'Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "add-server" -d 'Add a server to a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "set-scope" -d 'Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP session (`session`, the default) or one for every session (`shared`)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "remove-server" -d 'Remove a server from a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "filter" -d 'Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty value clears the list)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "rename-tool" -d 'Expose a tool under another name (`--reset` to undo)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "describe-tool" -d 'Override a tool\'s description (`--reset` to undo)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "set-arg" -d 'Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it, describe or rename it (`--reset` removes the rule). TOOL is the server\'s own name for the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`), else text'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "set-instructions" -d 'Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "set-description" -d 'Set the description of a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and not __fish_seen_subcommand_from create list ls show edit remove rm export add-server set-scope remove-server filter rename-tool describe-tool set-arg set-instructions set-description help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from create" -s s -l server -d 'A server it uses (repeatable; it must exist: `vmcp server add`)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from create" -l description -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from create" -l instructions -d 'The system prompt sent to the AI client in `initialize`' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from create" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from create" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from list" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from list" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from ls" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from ls" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from ls" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from show" -s c -l config -d 'Look in this definition file only' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from show" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from show" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from show" -l show-secrets
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from show" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from edit" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from edit" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from edit" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rm" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rm" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from export" -s c -l config -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from export" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from export" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from export" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from add-server" -l prefix -d 'Exposed names become `<prefix>_<name>` ("" for none)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from add-server" -l scope -d 'Under `vmcp serve`: an instance per MCP session (`session`, the default) or one for every session of the vMCP (`shared`)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from add-server" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from add-server" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from add-server" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from add-server" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from add-server" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from add-server" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-scope" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-scope" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-scope" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-scope" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-scope" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-scope" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove-server" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove-server" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove-server" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove-server" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove-server" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from remove-server" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -l tools -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -l exclude-tools -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -l prompts -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -l exclude-prompts -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -l resources -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -l exclude-resources -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from filter" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rename-tool" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rename-tool" -l reset
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rename-tool" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rename-tool" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rename-tool" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rename-tool" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from rename-tool" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from describe-tool" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from describe-tool" -l reset
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from describe-tool" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from describe-tool" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from describe-tool" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from describe-tool" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from describe-tool" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -l value -d 'Always send this value; the parameter leaves the exposed schema' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -l default -d 'Send this value when the client leaves the parameter out' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -l describe -d 'The parameter\'s description in the exposed schema' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -l rename -d 'Expose the parameter under this name' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -l hide -d 'Remove the parameter from the exposed schema; it is never sent'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -l allow-override -d 'With --value or --hide: a client may still send the parameter, and its value is used'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -l reset -d 'Remove the parameter\'s rule'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-arg" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-instructions" -l file -d 'Read them from a file' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-instructions" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-instructions" -l reset
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-instructions" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-instructions" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-instructions" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-instructions" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-instructions" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-description" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-description" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-description" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-description" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-description" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from set-description" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a vMCP in the store'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "list" -d 'List vMCPs (stored ones and those of the default definition file)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a vMCP and say which source defines it'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Edit a stored vMCP\'s YAML in $VISUAL / $EDITOR (saved only if valid)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "add-server" -d 'Add a server to a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "set-scope" -d 'Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP session (`session`, the default) or one for every session (`shared`)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "remove-server" -d 'Remove a server from a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "filter" -d 'Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty value clears the list)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "rename-tool" -d 'Expose a tool under another name (`--reset` to undo)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "describe-tool" -d 'Override a tool\'s description (`--reset` to undo)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "set-arg" -d 'Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it, describe or rename it (`--reset` removes the rule). TOOL is the server\'s own name for the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`), else text'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "set-instructions" -d 'Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them)'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "set-description" -d 'Set the description of a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand vmcp; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -l from -d 'Import another tool\'s configuration instead (at its usual location, or `--file`)' -r -f -a "claude-desktop\t''
claude-code\t''
cursor\t''
vscode\t''
windsurf\t''
codex\t''
gemini\t''
zed\t''
1xn\t''"
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -l file -d 'With `--from CLIENT`: read this file instead of the client\'s usual one' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -l vmcp -d 'Gather the imported servers into a new vMCP of this name (with `--from 1xn`: the name of the imported vMCP)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -l replace -d 'Overwrite servers and vMCPs that exist with different content'
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -l skip-existing -d 'Keep existing servers and vMCPs, import only new ones'
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -l dry-run -d 'Print what would be imported (as YAML) and change nothing'
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand import" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l client -d 'The AI client to configure' -r -f -a "claude-desktop\t''
claude-code\t''
cursor\t''
vscode\t''
windsurf\t''
codex\t''
gemini\t''
zed\t''"
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l file -d 'The client\'s configuration file (default: its usual location)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l as -d 'The entry\'s name in the client (default: the vMCP name)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l url -d 'The vMCP\'s URL [default: http://127.0.0.1:7332/mcp/NAME]' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l token-env -d 'The environment variable holding a `vmcp serve token`: the entry sends it as a bearer token, referencing the variable (the token itself is never written)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l force -d 'Replace (or remove) an entry of that name that does not run vmcp'
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l dry-run -d 'Show the change as a diff and write nothing'
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l http -d 'Connect the client to `vmcp serve` over HTTP instead of starting vmcp (for clients whose configuration takes URLs)'
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand install" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l client -d 'The AI client to configure' -r -f -a "claude-desktop\t''
claude-code\t''
cursor\t''
vscode\t''
windsurf\t''
codex\t''
gemini\t''
zed\t''"
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l file -d 'The client\'s configuration file (default: its usual location)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l as -d 'The entry\'s name in the client (default: the vMCP name)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l url -d 'The vMCP\'s URL [default: http://127.0.0.1:7332/mcp/NAME]' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l token-env -d 'The environment variable holding a `vmcp serve token`: the entry sends it as a bearer token, referencing the variable (the token itself is never written)' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l force -d 'Replace (or remove) an entry of that name that does not run vmcp'
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l dry-run -d 'Show the change as a diff and write nothing'
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l http -d 'Connect the client to `vmcp serve` over HTTP instead of starting vmcp (for clients whose configuration takes URLs)'
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand uninstall" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand stats" -l vmcp -d 'Only this vMCP' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand stats" -l since -d 'Only calls of the last period: `7d`, `24h`, `30m`' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand stats" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand stats" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand stats" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand stats" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand stats" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand stats" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand stats" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -l vmcp -d 'Only this vMCP' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -s n -l limit -d 'How many recent calls to show' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -s f -l follow -d 'Keep printing calls as they are recorded (Ctrl-C to stop)'
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -l json -d 'One JSON object per line'
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand log" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and not __fish_seen_subcommand_from diff help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and not __fish_seen_subcommand_from diff help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and not __fish_seen_subcommand_from diff help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and not __fish_seen_subcommand_from diff help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and not __fish_seen_subcommand_from diff help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and not __fish_seen_subcommand_from diff help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and not __fish_seen_subcommand_from diff help" -f -a "diff" -d 'Show how a server\'s tools differ from what was approved (exit 1 if they do)'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and not __fish_seen_subcommand_from diff help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from diff" -s c -l config -d 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from diff" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from diff" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from diff" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from diff" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show how a server\'s tools differ from what was approved (exit 1 if they do)'
complete -c vmcp -n "__fish_vmcp_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -f -a "list" -d 'Show the cached lists: per server, how many items and when they were fetched'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -f -a "ls" -d 'Show the cached lists: per server, how many items and when they were fetched'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -f -a "clear" -d 'Forget cached lists (of the named servers, or all): the next session waits for its upstreams once, and caches again'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and not __fish_seen_subcommand_from list ls clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from list" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from ls" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON (see README, "JSON output")'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from ls" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from clear" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from clear" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show the cached lists: per server, how many items and when they were fetched'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Forget cached lists (of the named servers, or all): the next session waits for its upstreams once, and caches again'
complete -c vmcp -n "__fish_vmcp_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -f -a "list" -d 'Show every setting with its value'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -f -a "set" -d 'Set a setting'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -f -a "unset" -d 'Return a setting to its default'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and not __fish_seen_subcommand_from list set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from list" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from list" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from set" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from set" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from unset" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from unset" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from unset" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from unset" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show every setting with its value'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a setting'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Return a setting to its default'
complete -c vmcp -n "__fish_vmcp_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "status" -d 'Each remote server\'s credentials: state (logged in, expired, needs login, static, none), expiry and scopes. Tokens are never shown'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l json
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Each remote server\'s credentials: state (logged in, expired, needs login, static, none), expiry and scopes. Tokens are never shown'
complete -c vmcp -n "__fish_vmcp_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -s c -l config -d 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -l scope -d 'Scope to ask for (repeatable, or comma-separated); default: what the server asks for' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -l timeout -d 'How long to wait for the browser' -r
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -l no-browser -d 'Print the authorization URL instead of opening a browser (SSH sessions)'
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand login" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand logout" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand logout" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand logout" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand logout" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand logout" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand logout" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand doctor" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand doctor" -l json -d 'Print the report as JSON'
complete -c vmcp -n "__fish_vmcp_using_subcommand doctor" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand doctor" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand doctor" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand completions" -l log-file -d 'Append logs to this file instead of stderr' -r -F
complete -c vmcp -n "__fish_vmcp_using_subcommand completions" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
complete -c vmcp -n "__fish_vmcp_using_subcommand completions" -s q -l quiet -d 'Only log errors'
complete -c vmcp -n "__fish_vmcp_using_subcommand completions" -l no-progress -d 'Never show spinners (they are shown only when stderr is a terminal anyway)'
complete -c vmcp -n "__fish_vmcp_using_subcommand completions" -s h -l help -d 'Print help'
complete -c vmcp -n "__fish_vmcp_using_subcommand completions" -s V -l version -d 'Print version'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "stdio" -d 'Serve a vMCP over stdio: the command an AI client launches'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "serve" -d 'Serve vMCPs over streamable HTTP to many clients (`vmcp serve token` manages access)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "check" -d 'Validate definitions, then start each vMCP and verify what it exposes (for CI)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "tools" -d 'List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "prompts" -d 'List or get the prompts a vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "resources" -d 'List or read the resources a vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "call" -d 'Call one tool of a vMCP and print its result (exit 7 when the tool reports an error)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "server" -d 'Manage upstream servers in the store'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "registry" -d 'Find servers in MCP registries (`registry.url`): search, show an entry'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "vmcp" -d 'Manage vMCP definitions in the store'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "import" -d 'Import servers and vMCPs from a definition file (or another client\'s config)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "install" -d 'Add a vMCP to an AI client\'s MCP configuration (backed up first; `--dry-run` shows the diff)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "uninstall" -d 'Remove a vMCP from an AI client\'s MCP configuration'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "stats" -d 'Calls, errors and latency per server and tool, from the call log'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "log" -d 'The most recent calls (`--follow` to keep watching)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "trust" -d 'What upstream tools looked like when approved, and what changed since'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "cache" -d 'The catalog cache that answers a session\'s first `tools/list` at once'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "settings" -d 'Settings kept in the store (call log retention…)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "auth" -d 'Credentials of remote servers (`vmcp auth status`)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "login" -d 'Log in to a remote server with OAuth (opens a browser; `--no-browser` prints the URL)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "logout" -d 'Forget a server\'s OAuth credentials (revoked first where the server supports it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "doctor" -d 'Explain the environment: paths, store health, servers\' commands, installed clients, versions'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and not __fish_seen_subcommand_from stdio serve check tools prompts resources call server registry vmcp import install uninstall stats log trust cache settings auth login logout doctor completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from serve" -f -a "token" -d 'Bearer tokens that let clients in'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from tools" -f -a "list" -d 'List the tools the vMCP exposes, with the server each comes from'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from tools" -f -a "search" -d 'Rank the vMCP\'s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from tools" -f -a "test" -d 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from prompts" -f -a "list" -d 'List the prompts the vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from prompts" -f -a "get" -d 'Get a prompt with its arguments (`key=value`…) and print its messages'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from resources" -f -a "list" -d 'List the resources and resource templates the vMCP exposes'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from resources" -f -a "read" -d 'Read a resource: text is printed; binary content is written as bytes when stdout is not a terminal (`> file.png`)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "add" -d 'Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or `--from ENTRY` (an MCP registry entry)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "list" -d 'List servers (stored ones and those of the default definition file)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "show" -d 'Show one server'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "edit" -d 'Edit a stored server\'s YAML in $VISUAL / $EDITOR (saved only if valid)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "rename" -d 'Rename a stored server; vMCPs using it follow'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "remove" -d 'Remove a stored server'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "outdated" -d 'Servers added from a registry (`--from`) whose entry has a newer version'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "upgrade" -d 'Move a server added from a registry to the entry\'s newest version, with the same choices (its trust settings still review changed tools)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "test" -d 'Start the server, list what it offers with timings, and stop it'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "approve" -d 'Start the server and record its tools as approved (their whole definitions, hashed), so later changes show in `vmcp trust diff`'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "search" -d 'Search the registries for servers whose name holds QUERY (all servers without one)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "show" -d 'Show one entry: its versions, packages and remotes, and the values they take'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "clear-cache" -d 'Forget the registry answers cached in the store'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "create" -d 'Create a vMCP in the store'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "list" -d 'List vMCPs (stored ones and those of the default definition file)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "show" -d 'Show a vMCP and say which source defines it'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "edit" -d 'Edit a stored vMCP\'s YAML in $VISUAL / $EDITOR (saved only if valid)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "remove" -d 'Remove a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "export" -d 'Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "add-server" -d 'Add a server to a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "set-scope" -d 'Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP session (`session`, the default) or one for every session (`shared`)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "remove-server" -d 'Remove a server from a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "filter" -d 'Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty value clears the list)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "rename-tool" -d 'Expose a tool under another name (`--reset` to undo)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "describe-tool" -d 'Override a tool\'s description (`--reset` to undo)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "set-arg" -d 'Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it, describe or rename it (`--reset` removes the rule). TOOL is the server\'s own name for the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`), else text'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "set-instructions" -d 'Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from vmcp" -f -a "set-description" -d 'Set the description of a stored vMCP'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from trust" -f -a "diff" -d 'Show how a server\'s tools differ from what was approved (exit 1 if they do)'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "list" -d 'Show the cached lists: per server, how many items and when they were fetched'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Forget cached lists (of the named servers, or all): the next session waits for its upstreams once, and caches again'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "list" -d 'Show every setting with its value'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "set" -d 'Set a setting'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "unset" -d 'Return a setting to its default'
complete -c vmcp -n "__fish_vmcp_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Each remote server\'s credentials: state (logged in, expired, needs login, static, none), expiry and scopes. Tokens are never shown'
