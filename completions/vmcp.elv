
use builtin;
use str;

set edit:completion:arg-completer[vmcp] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'vmcp'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'vmcp'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand stdio 'Serve a vMCP over stdio: the command an AI client launches'
            cand serve 'Serve vMCPs over streamable HTTP to many clients (`vmcp serve token` manages access)'
            cand check 'Validate definitions, then start each vMCP and verify what it exposes (for CI)'
            cand tools 'List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one'
            cand tool 'List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one'
            cand prompts 'List or get the prompts a vMCP exposes'
            cand resources 'List or read the resources a vMCP exposes'
            cand call 'Call one tool of a vMCP and print its result (exit 7 when the tool reports an error)'
            cand server 'Manage upstream servers in the store'
            cand registry 'Find servers in MCP registries (`registry.url`): search, show an entry'
            cand vmcp 'Manage vMCP definitions in the store'
            cand import 'Import servers and vMCPs from a definition file (or another client''s config)'
            cand install 'Add a vMCP to an AI client''s MCP configuration (backed up first; `--dry-run` shows the diff)'
            cand uninstall 'Remove a vMCP from an AI client''s MCP configuration'
            cand stats 'Calls, errors and latency per server and tool, from the call log'
            cand log 'The most recent calls (`--follow` to keep watching)'
            cand trust 'What upstream tools looked like when approved, and what changed since'
            cand cache 'The catalog cache that answers a session''s first `tools/list` at once'
            cand settings 'Settings kept in the store (call log retention…)'
            cand auth 'Credentials of remote servers (`vmcp auth status`)'
            cand login 'Log in to a remote server with OAuth (opens a browser; `--no-browser` prints the URL)'
            cand logout 'Forget a server''s OAuth credentials (revoked first where the server supports it)'
            cand doctor 'Explain the environment: paths, store health, servers'' commands, installed clients, versions'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;stdio'= {
            cand --vmcp 'The vMCP to serve'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --no-watch 'Do not follow edits of the definition while serving (SIGHUP still reloads it)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;serve'= {
            cand --vmcp 'Serve only this vMCP (repeatable; default: every vMCP)'
            cand --listen 'Address to listen on. Anything but loopback requires tokens (no `--no-auth`)'
            cand --oauth-issuer 'Also accept OAuth access tokens (JWTs) from this authorization server, named by its issuer URL; clients discover it from /.well-known/oauth-protected-resource'
            cand --oauth-audience 'Accept this token audience too, besides each vMCP''s URL and the server''s (repeatable)'
            cand --public-url 'The URL clients reach this server at (behind a reverse proxy): tokens'' audience and the metadata derive from it [default: http://<listen address>]'
            cand --oauth-jwks-cooldown 'The least time between fetches of the issuer''s keys that tokens naming an unknown key may cause [default: 30s]'
            cand --session-ttl 'A 2025-11-25 client''s session ends after this long without requests [default: 30m]'
            cand --max-sessions 'Live 2025-11-25 sessions at most; the least recently used one ends for a new one'
            cand --max-concurrent 'Requests in progress at most per 2025-11-25 session; one more is refused at once with 429 and a JSON-RPC error, never queued'
            cand --allow-origin 'A browser origin allowed to call (repeatable; loopback origins are allowed on a loopback address)'
            cand --grace 'On SIGTERM/SIGINT, how long requests in progress may take to finish [default: 10s]'
            cand --max-body 'The largest request body accepted, in bytes'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --no-auth 'Serve loopback without authentication (any local process can then use the vMCPs)'
            cand --no-watch 'Do not follow edits of the definitions while serving (SIGHUP still reloads them)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand token 'Bearer tokens that let clients in'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;serve;token'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a token and print it (once: only its digest is stored)'
            cand list 'List tokens (names, vMCPs, when created and last used; never the secrets)'
            cand ls 'List tokens (names, vMCPs, when created and last used; never the secrets)'
            cand revoke 'Revoke a token (a running server refuses it within a second)'
            cand rm 'Revoke a token (a running server refuses it within a second)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;serve;token;create'= {
            cand --vmcp 'The vMCP it opens (repeatable; default: every vMCP served)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;serve;token;list'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;serve;token;ls'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;serve;token;revoke'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;serve;token;rm'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;serve;token;help'= {
            cand create 'Create a token and print it (once: only its digest is stored)'
            cand list 'List tokens (names, vMCPs, when created and last used; never the secrets)'
            cand revoke 'Revoke a token (a running server refuses it within a second)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;serve;token;help;create'= {
        }
        &'vmcp;serve;token;help;list'= {
        }
        &'vmcp;serve;token;help;revoke'= {
        }
        &'vmcp;serve;token;help;help'= {
        }
        &'vmcp;serve;help'= {
            cand token 'Bearer tokens that let clients in'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;serve;help;token'= {
            cand create 'Create a token and print it (once: only its digest is stored)'
            cand list 'List tokens (names, vMCPs, when created and last used; never the secrets)'
            cand revoke 'Revoke a token (a running server refuses it within a second)'
        }
        &'vmcp;serve;help;token;create'= {
        }
        &'vmcp;serve;help;token;list'= {
        }
        &'vmcp;serve;help;token;revoke'= {
        }
        &'vmcp;serve;help;help'= {
        }
        &'vmcp;check'= {
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml and the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml and the store)'
            cand --vmcp 'Check only this vMCP'
            cand --expect-tool 'Fail unless the vMCP exposes this tool (repeatable; needs --vmcp)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --all 'Check every vMCP (the default without --vmcp)'
            cand --offline 'Validate the definitions only; start no server'
            cand --json 'Print the report as JSON (see README, "JSON output")'
            cand --strict 'Fail on warnings too (tool definitions that look poisoned)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;tools'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the tools the vMCP exposes, with the server each comes from'
            cand ls 'List the tools the vMCP exposes, with the server each comes from'
            cand search 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
            cand test 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;tool'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the tools the vMCP exposes, with the server each comes from'
            cand ls 'List the tools the vMCP exposes, with the server each comes from'
            cand search 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
            cand test 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;tools;list'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;tools;ls'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;tool;list'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;tool;ls'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;tools;search'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand -n 'How many tools to show, best first (default: the vMCP''s `tool_search.results`, 8)'
            cand --limit 'How many tools to show, best first (default: the vMCP''s `tool_search.results`, 8)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;tool;search'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand -n 'How many tools to show, best first (default: the vMCP''s `tool_search.results`, 8)'
            cand --limit 'How many tools to show, best first (default: the vMCP''s `tool_search.results`, 8)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;tools;test'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --args 'Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --render-only 'Show what the call would do (the rendered template, program, request or steps) as JSON, without running anything or starting any server'
            cand --json 'Print the whole result as JSON, verbatim (content, structuredContent, isError)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;tool;test'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --args 'Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --render-only 'Show what the call would do (the rendered template, program, request or steps) as JSON, without running anything or starting any server'
            cand --json 'Print the whole result as JSON, verbatim (content, structuredContent, isError)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;tools;help'= {
            cand list 'List the tools the vMCP exposes, with the server each comes from'
            cand search 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
            cand test 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;tools;help;list'= {
        }
        &'vmcp;tools;help;search'= {
        }
        &'vmcp;tools;help;test'= {
        }
        &'vmcp;tools;help;help'= {
        }
        &'vmcp;tool;help'= {
            cand list 'List the tools the vMCP exposes, with the server each comes from'
            cand search 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
            cand test 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;tool;help;list'= {
        }
        &'vmcp;tool;help;search'= {
        }
        &'vmcp;tool;help;test'= {
        }
        &'vmcp;tool;help;help'= {
        }
        &'vmcp;prompts'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the prompts the vMCP exposes'
            cand ls 'List the prompts the vMCP exposes'
            cand get 'Get a prompt with its arguments (`key=value`…) and print its messages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;prompts;list'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;prompts;ls'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;prompts;get'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print the result as JSON, verbatim'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;prompts;help'= {
            cand list 'List the prompts the vMCP exposes'
            cand get 'Get a prompt with its arguments (`key=value`…) and print its messages'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;prompts;help;list'= {
        }
        &'vmcp;prompts;help;get'= {
        }
        &'vmcp;prompts;help;help'= {
        }
        &'vmcp;resources'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the resources and resource templates the vMCP exposes'
            cand ls 'List the resources and resource templates the vMCP exposes'
            cand read 'Read a resource: text is printed; binary content is written as bytes when stdout is not a terminal (`> file.png`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;resources;list'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;resources;ls'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;resources;read'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print the result as JSON, verbatim'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;resources;help'= {
            cand list 'List the resources and resource templates the vMCP exposes'
            cand read 'Read a resource: text is printed; binary content is written as bytes when stdout is not a terminal (`> file.png`)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;resources;help;list'= {
        }
        &'vmcp;resources;help;read'= {
        }
        &'vmcp;resources;help;help'= {
        }
        &'vmcp;call'= {
            cand --vmcp 'The vMCP to open'
            cand -c 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --config 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)'
            cand --args 'Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print the whole result as JSON, verbatim (content, structuredContent, isError)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or `--from ENTRY` (an MCP registry entry)'
            cand list 'List servers (stored ones and those of the default definition file)'
            cand ls 'List servers (stored ones and those of the default definition file)'
            cand show 'Show one server'
            cand edit 'Edit a stored server''s YAML in $VISUAL / $EDITOR (saved only if valid)'
            cand rename 'Rename a stored server; vMCPs using it follow'
            cand remove 'Remove a stored server'
            cand rm 'Remove a stored server'
            cand outdated 'Servers added from a registry (`--from`) whose entry has a newer version'
            cand upgrade 'Move a server added from a registry to the entry''s newest version, with the same choices (its trust settings still review changed tools)'
            cand test 'Start the server, list what it offers with timings, and stop it'
            cand approve 'Start the server and record its tools as approved (their whole definitions, hashed), so later changes show in `vmcp trust diff`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;server;add'= {
            cand --url 'Streamable HTTP endpoint (instead of a command)'
            cand --from 'An MCP registry entry, `NAME[@VERSION]` (default: the latest), made into the server: a package this machine can run, else a remote (`vmcp registry search` finds names)'
            cand --registry 'With `--from`: ask this registry (its base URL) instead of the `registry.url` setting'
            cand --package 'With `--from`: use the entry''s package of this type (`npm`, `pypi`, `oci`)'
            cand --remote 'With `--from`: use the entry''s remote N (1 for the first)'
            cand --arg 'With `--from`: a value for the entry''s arguments (repeatable): `VALUE` fills the next positional argument, `KEY=VALUE` the argument or variable named KEY (`--port=8080`, `host=example.com`)'
            cand -e 'Environment variable for the child, `KEY=VALUE` (repeatable). Use `${env:VAR}` to keep a secret in your environment rather than in the store. With `--from`, secrets not given (nor typed at the prompt) are stored as `${env:NAME}`'
            cand --env 'Environment variable for the child, `KEY=VALUE` (repeatable). Use `${env:VAR}` to keep a secret in your environment rather than in the store. With `--from`, secrets not given (nor typed at the prompt) are stored as `${env:NAME}`'
            cand --cwd 'Working directory of the child'
            cand -H 'HTTP header, `NAME=VALUE` (repeatable)'
            cand --header 'HTTP header, `NAME=VALUE` (repeatable)'
            cand --transport 'Transport of a URL server'
            cand --trust '`pinned`: its tools are approved automatically the first time they are listed (flagged ones excepted), later new or changed ones wait for `vmcp server approve`; `review`: nothing is exposed until `vmcp server approve`; `always`: whatever the server offers. Default: the `trust.default` setting (`pinned`)'
            cand --description 'description'
            cand --startup-timeout 'Startup deadline (e.g. `60s`)'
            cand --call-timeout 'Idle timeout of one request (e.g. `5m`)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --approve 'Start the server and approve the tools it offers now, flagged ones included (without asking)'
            cand --no-approve 'Do not start it now: no question about approving a `review` server, no note'
            cand --replace 'Replace a server of the same name'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;list'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand --show-secrets 'Show env and header values that look like secrets'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;ls'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand --show-secrets 'Show env and header values that look like secrets'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;show'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand --show-secrets 'show-secrets'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;edit'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;rename'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;remove'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --force 'Also remove it from the vMCPs that use it'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;rm'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --force 'Also remove it from the vMCPs that use it'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;outdated'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;upgrade'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;test'= {
            cand -c 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)'
            cand --config 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;approve'= {
            cand -c 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)'
            cand --config 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)'
            cand --tool 'Approve only this tool (repeatable); a tool no longer offered loses its pin'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;server;help'= {
            cand add 'Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or `--from ENTRY` (an MCP registry entry)'
            cand list 'List servers (stored ones and those of the default definition file)'
            cand show 'Show one server'
            cand edit 'Edit a stored server''s YAML in $VISUAL / $EDITOR (saved only if valid)'
            cand rename 'Rename a stored server; vMCPs using it follow'
            cand remove 'Remove a stored server'
            cand outdated 'Servers added from a registry (`--from`) whose entry has a newer version'
            cand upgrade 'Move a server added from a registry to the entry''s newest version, with the same choices (its trust settings still review changed tools)'
            cand test 'Start the server, list what it offers with timings, and stop it'
            cand approve 'Start the server and record its tools as approved (their whole definitions, hashed), so later changes show in `vmcp trust diff`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;server;help;add'= {
        }
        &'vmcp;server;help;list'= {
        }
        &'vmcp;server;help;show'= {
        }
        &'vmcp;server;help;edit'= {
        }
        &'vmcp;server;help;rename'= {
        }
        &'vmcp;server;help;remove'= {
        }
        &'vmcp;server;help;outdated'= {
        }
        &'vmcp;server;help;upgrade'= {
        }
        &'vmcp;server;help;test'= {
        }
        &'vmcp;server;help;approve'= {
        }
        &'vmcp;server;help;help'= {
        }
        &'vmcp;registry'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand search 'Search the registries for servers whose name holds QUERY (all servers without one)'
            cand show 'Show one entry: its versions, packages and remotes, and the values they take'
            cand clear-cache 'Forget the registry answers cached in the store'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;registry;search'= {
            cand --limit 'Entries per page'
            cand --cursor 'Continue a listing where the previous page ended (as that page said)'
            cand --updated-since 'Only entries updated since this time (RFC 3339, e.g. `2026-01-31T00:00:00Z`)'
            cand --registry 'Ask this registry (its base URL) instead of those of the `registry.url` setting'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;registry;show'= {
            cand --registry 'Ask this registry (its base URL) instead of those of the `registry.url` setting'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON: the registry''s answer as sent, with its versions'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;registry;clear-cache'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;registry;help'= {
            cand search 'Search the registries for servers whose name holds QUERY (all servers without one)'
            cand show 'Show one entry: its versions, packages and remotes, and the values they take'
            cand clear-cache 'Forget the registry answers cached in the store'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;registry;help;search'= {
        }
        &'vmcp;registry;help;show'= {
        }
        &'vmcp;registry;help;clear-cache'= {
        }
        &'vmcp;registry;help;help'= {
        }
        &'vmcp;vmcp'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a vMCP in the store'
            cand list 'List vMCPs (stored ones and those of the default definition file)'
            cand ls 'List vMCPs (stored ones and those of the default definition file)'
            cand show 'Show a vMCP and say which source defines it'
            cand edit 'Edit a stored vMCP''s YAML in $VISUAL / $EDITOR (saved only if valid)'
            cand remove 'Remove a stored vMCP'
            cand rm 'Remove a stored vMCP'
            cand export 'Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it)'
            cand add-server 'Add a server to a stored vMCP'
            cand set-scope 'Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP session (`session`, the default) or one for every session (`shared`)'
            cand remove-server 'Remove a server from a stored vMCP'
            cand filter 'Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty value clears the list)'
            cand rename-tool 'Expose a tool under another name (`--reset` to undo)'
            cand describe-tool 'Override a tool''s description (`--reset` to undo)'
            cand set-arg 'Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it, describe or rename it (`--reset` removes the rule). TOOL is the server''s own name for the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`), else text'
            cand set-instructions 'Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them)'
            cand set-description 'Set the description of a stored vMCP'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;vmcp;create'= {
            cand -s 'A server it uses (repeatable; it must exist: `vmcp server add`)'
            cand --server 'A server it uses (repeatable; it must exist: `vmcp server add`)'
            cand --description 'description'
            cand --instructions 'The system prompt sent to the AI client in `initialize`'
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;list'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;ls'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;show'= {
            cand -c 'Look in this definition file only'
            cand --config 'Look in this definition file only'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand --show-secrets 'show-secrets'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;edit'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;remove'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;rm'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;export'= {
            cand -c 'c'
            cand --config 'config'
            cand -o 'Write to this file instead of stdout'
            cand --output 'Write to this file instead of stdout'
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;add-server'= {
            cand --prefix 'Exposed names become `<prefix>_<name>` ("" for none)'
            cand --scope 'Under `vmcp serve`: an instance per MCP session (`session`, the default) or one for every session of the vMCP (`shared`)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;set-scope'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;remove-server'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;filter'= {
            cand --tools 'tools'
            cand --exclude-tools 'exclude-tools'
            cand --prompts 'prompts'
            cand --exclude-prompts 'exclude-prompts'
            cand --resources 'resources'
            cand --exclude-resources 'exclude-resources'
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;rename-tool'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --reset 'reset'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;describe-tool'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --reset 'reset'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;set-arg'= {
            cand --value 'Always send this value; the parameter leaves the exposed schema'
            cand --default 'Send this value when the client leaves the parameter out'
            cand --describe 'The parameter''s description in the exposed schema'
            cand --rename 'Expose the parameter under this name'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --hide 'Remove the parameter from the exposed schema; it is never sent'
            cand --allow-override 'With --value or --hide: a client may still send the parameter, and its value is used'
            cand --reset 'Remove the parameter''s rule'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;set-instructions'= {
            cand --file 'Read them from a file'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --reset 'reset'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;set-description'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;vmcp;help'= {
            cand create 'Create a vMCP in the store'
            cand list 'List vMCPs (stored ones and those of the default definition file)'
            cand show 'Show a vMCP and say which source defines it'
            cand edit 'Edit a stored vMCP''s YAML in $VISUAL / $EDITOR (saved only if valid)'
            cand remove 'Remove a stored vMCP'
            cand export 'Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it)'
            cand add-server 'Add a server to a stored vMCP'
            cand set-scope 'Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP session (`session`, the default) or one for every session (`shared`)'
            cand remove-server 'Remove a server from a stored vMCP'
            cand filter 'Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty value clears the list)'
            cand rename-tool 'Expose a tool under another name (`--reset` to undo)'
            cand describe-tool 'Override a tool''s description (`--reset` to undo)'
            cand set-arg 'Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it, describe or rename it (`--reset` removes the rule). TOOL is the server''s own name for the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`), else text'
            cand set-instructions 'Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them)'
            cand set-description 'Set the description of a stored vMCP'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;vmcp;help;create'= {
        }
        &'vmcp;vmcp;help;list'= {
        }
        &'vmcp;vmcp;help;show'= {
        }
        &'vmcp;vmcp;help;edit'= {
        }
        &'vmcp;vmcp;help;remove'= {
        }
        &'vmcp;vmcp;help;export'= {
        }
        &'vmcp;vmcp;help;add-server'= {
        }
        &'vmcp;vmcp;help;set-scope'= {
        }
        &'vmcp;vmcp;help;remove-server'= {
        }
        &'vmcp;vmcp;help;filter'= {
        }
        &'vmcp;vmcp;help;rename-tool'= {
        }
        &'vmcp;vmcp;help;describe-tool'= {
        }
        &'vmcp;vmcp;help;set-arg'= {
        }
        &'vmcp;vmcp;help;set-instructions'= {
        }
        &'vmcp;vmcp;help;set-description'= {
        }
        &'vmcp;vmcp;help;help'= {
        }
        &'vmcp;import'= {
            cand --from 'Import another tool''s configuration instead (at its usual location, or `--file`)'
            cand --file 'With `--from CLIENT`: read this file instead of the client''s usual one'
            cand --vmcp 'Gather the imported servers into a new vMCP of this name (with `--from 1xn`: the name of the imported vMCP)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --replace 'Overwrite servers and vMCPs that exist with different content'
            cand --skip-existing 'Keep existing servers and vMCPs, import only new ones'
            cand --dry-run 'Print what would be imported (as YAML) and change nothing'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;install'= {
            cand --client 'The AI client to configure'
            cand --file 'The client''s configuration file (default: its usual location)'
            cand --as 'The entry''s name in the client (default: the vMCP name)'
            cand --url 'The vMCP''s URL [default: http://127.0.0.1:7332/mcp/NAME]'
            cand --token-env 'The environment variable holding a `vmcp serve token`: the entry sends it as a bearer token, referencing the variable (the token itself is never written)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --force 'Replace (or remove) an entry of that name that does not run vmcp'
            cand --dry-run 'Show the change as a diff and write nothing'
            cand --http 'Connect the client to `vmcp serve` over HTTP instead of starting vmcp (for clients whose configuration takes URLs)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;uninstall'= {
            cand --client 'The AI client to configure'
            cand --file 'The client''s configuration file (default: its usual location)'
            cand --as 'The entry''s name in the client (default: the vMCP name)'
            cand --url 'The vMCP''s URL [default: http://127.0.0.1:7332/mcp/NAME]'
            cand --token-env 'The environment variable holding a `vmcp serve token`: the entry sends it as a bearer token, referencing the variable (the token itself is never written)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --force 'Replace (or remove) an entry of that name that does not run vmcp'
            cand --dry-run 'Show the change as a diff and write nothing'
            cand --http 'Connect the client to `vmcp serve` over HTTP instead of starting vmcp (for clients whose configuration takes URLs)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;stats'= {
            cand --vmcp 'Only this vMCP'
            cand --since 'Only calls of the last period: `7d`, `24h`, `30m`'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;log'= {
            cand --vmcp 'Only this vMCP'
            cand -n 'How many recent calls to show'
            cand --limit 'How many recent calls to show'
            cand --log-file 'Append logs to this file instead of stderr'
            cand -f 'Keep printing calls as they are recorded (Ctrl-C to stop)'
            cand --follow 'Keep printing calls as they are recorded (Ctrl-C to stop)'
            cand --json 'One JSON object per line'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;trust'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand diff 'Show how a server''s tools differ from what was approved (exit 1 if they do)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;trust;diff'= {
            cand -c 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)'
            cand --config 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;trust;help'= {
            cand diff 'Show how a server''s tools differ from what was approved (exit 1 if they do)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;trust;help;diff'= {
        }
        &'vmcp;trust;help;help'= {
        }
        &'vmcp;cache'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Show the cached lists: per server, how many items and when they were fetched'
            cand ls 'Show the cached lists: per server, how many items and when they were fetched'
            cand clear 'Forget cached lists (of the named servers, or all): the next session waits for its upstreams once, and caches again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;cache;list'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;cache;ls'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print JSON (see README, "JSON output")'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;cache;clear'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;cache;help'= {
            cand list 'Show the cached lists: per server, how many items and when they were fetched'
            cand clear 'Forget cached lists (of the named servers, or all): the next session waits for its upstreams once, and caches again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;cache;help;list'= {
        }
        &'vmcp;cache;help;clear'= {
        }
        &'vmcp;cache;help;help'= {
        }
        &'vmcp;settings'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Show every setting with its value'
            cand set 'Set a setting'
            cand unset 'Return a setting to its default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;settings;list'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;settings;set'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;settings;unset'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;settings;help'= {
            cand list 'Show every setting with its value'
            cand set 'Set a setting'
            cand unset 'Return a setting to its default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;settings;help;list'= {
        }
        &'vmcp;settings;help;set'= {
        }
        &'vmcp;settings;help;unset'= {
        }
        &'vmcp;settings;help;help'= {
        }
        &'vmcp;auth'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Each remote server''s credentials: state (logged in, expired, needs login, static, none), expiry and scopes. Tokens are never shown'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;auth;status'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'json'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;auth;help'= {
            cand status 'Each remote server''s credentials: state (logged in, expired, needs login, static, none), expiry and scopes. Tokens are never shown'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;auth;help;status'= {
        }
        &'vmcp;auth;help;help'= {
        }
        &'vmcp;login'= {
            cand -c 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)'
            cand --config 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)'
            cand --scope 'Scope to ask for (repeatable, or comma-separated); default: what the server asks for'
            cand --timeout 'How long to wait for the browser'
            cand --log-file 'Append logs to this file instead of stderr'
            cand --no-browser 'Print the authorization URL instead of opening a browser (SSH sessions)'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;logout'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;doctor'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand --json 'Print the report as JSON'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;completions'= {
            cand --log-file 'Append logs to this file instead of stderr'
            cand -v 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand --verbose 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides'
            cand -q 'Only log errors'
            cand --quiet 'Only log errors'
            cand --no-progress 'Never show spinners (they are shown only when stderr is a terminal anyway)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vmcp;help'= {
            cand stdio 'Serve a vMCP over stdio: the command an AI client launches'
            cand serve 'Serve vMCPs over streamable HTTP to many clients (`vmcp serve token` manages access)'
            cand check 'Validate definitions, then start each vMCP and verify what it exposes (for CI)'
            cand tools 'List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one'
            cand prompts 'List or get the prompts a vMCP exposes'
            cand resources 'List or read the resources a vMCP exposes'
            cand call 'Call one tool of a vMCP and print its result (exit 7 when the tool reports an error)'
            cand server 'Manage upstream servers in the store'
            cand registry 'Find servers in MCP registries (`registry.url`): search, show an entry'
            cand vmcp 'Manage vMCP definitions in the store'
            cand import 'Import servers and vMCPs from a definition file (or another client''s config)'
            cand install 'Add a vMCP to an AI client''s MCP configuration (backed up first; `--dry-run` shows the diff)'
            cand uninstall 'Remove a vMCP from an AI client''s MCP configuration'
            cand stats 'Calls, errors and latency per server and tool, from the call log'
            cand log 'The most recent calls (`--follow` to keep watching)'
            cand trust 'What upstream tools looked like when approved, and what changed since'
            cand cache 'The catalog cache that answers a session''s first `tools/list` at once'
            cand settings 'Settings kept in the store (call log retention…)'
            cand auth 'Credentials of remote servers (`vmcp auth status`)'
            cand login 'Log in to a remote server with OAuth (opens a browser; `--no-browser` prints the URL)'
            cand logout 'Forget a server''s OAuth credentials (revoked first where the server supports it)'
            cand doctor 'Explain the environment: paths, store health, servers'' commands, installed clients, versions'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vmcp;help;stdio'= {
        }
        &'vmcp;help;serve'= {
            cand token 'Bearer tokens that let clients in'
        }
        &'vmcp;help;serve;token'= {
            cand create 'Create a token and print it (once: only its digest is stored)'
            cand list 'List tokens (names, vMCPs, when created and last used; never the secrets)'
            cand revoke 'Revoke a token (a running server refuses it within a second)'
        }
        &'vmcp;help;serve;token;create'= {
        }
        &'vmcp;help;serve;token;list'= {
        }
        &'vmcp;help;serve;token;revoke'= {
        }
        &'vmcp;help;check'= {
        }
        &'vmcp;help;tools'= {
            cand list 'List the tools the vMCP exposes, with the server each comes from'
            cand search 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)'
            cand test 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)'
        }
        &'vmcp;help;tools;list'= {
        }
        &'vmcp;help;tools;search'= {
        }
        &'vmcp;help;tools;test'= {
        }
        &'vmcp;help;prompts'= {
            cand list 'List the prompts the vMCP exposes'
            cand get 'Get a prompt with its arguments (`key=value`…) and print its messages'
        }
        &'vmcp;help;prompts;list'= {
        }
        &'vmcp;help;prompts;get'= {
        }
        &'vmcp;help;resources'= {
            cand list 'List the resources and resource templates the vMCP exposes'
            cand read 'Read a resource: text is printed; binary content is written as bytes when stdout is not a terminal (`> file.png`)'
        }
        &'vmcp;help;resources;list'= {
        }
        &'vmcp;help;resources;read'= {
        }
        &'vmcp;help;call'= {
        }
        &'vmcp;help;server'= {
            cand add 'Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or `--from ENTRY` (an MCP registry entry)'
            cand list 'List servers (stored ones and those of the default definition file)'
            cand show 'Show one server'
            cand edit 'Edit a stored server''s YAML in $VISUAL / $EDITOR (saved only if valid)'
            cand rename 'Rename a stored server; vMCPs using it follow'
            cand remove 'Remove a stored server'
            cand outdated 'Servers added from a registry (`--from`) whose entry has a newer version'
            cand upgrade 'Move a server added from a registry to the entry''s newest version, with the same choices (its trust settings still review changed tools)'
            cand test 'Start the server, list what it offers with timings, and stop it'
            cand approve 'Start the server and record its tools as approved (their whole definitions, hashed), so later changes show in `vmcp trust diff`'
        }
        &'vmcp;help;server;add'= {
        }
        &'vmcp;help;server;list'= {
        }
        &'vmcp;help;server;show'= {
        }
        &'vmcp;help;server;edit'= {
        }
        &'vmcp;help;server;rename'= {
        }
        &'vmcp;help;server;remove'= {
        }
        &'vmcp;help;server;outdated'= {
        }
        &'vmcp;help;server;upgrade'= {
        }
        &'vmcp;help;server;test'= {
        }
        &'vmcp;help;server;approve'= {
        }
        &'vmcp;help;registry'= {
            cand search 'Search the registries for servers whose name holds QUERY (all servers without one)'
            cand show 'Show one entry: its versions, packages and remotes, and the values they take'
            cand clear-cache 'Forget the registry answers cached in the store'
        }
        &'vmcp;help;registry;search'= {
        }
        &'vmcp;help;registry;show'= {
        }
        &'vmcp;help;registry;clear-cache'= {
        }
        &'vmcp;help;vmcp'= {
            cand create 'Create a vMCP in the store'
            cand list 'List vMCPs (stored ones and those of the default definition file)'
            cand show 'Show a vMCP and say which source defines it'
            cand edit 'Edit a stored vMCP''s YAML in $VISUAL / $EDITOR (saved only if valid)'
            cand remove 'Remove a stored vMCP'
            cand export 'Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it)'
            cand add-server 'Add a server to a stored vMCP'
            cand set-scope 'Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP session (`session`, the default) or one for every session (`shared`)'
            cand remove-server 'Remove a server from a stored vMCP'
            cand filter 'Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty value clears the list)'
            cand rename-tool 'Expose a tool under another name (`--reset` to undo)'
            cand describe-tool 'Override a tool''s description (`--reset` to undo)'
            cand set-arg 'Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it, describe or rename it (`--reset` removes the rule). TOOL is the server''s own name for the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`), else text'
            cand set-instructions 'Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them)'
            cand set-description 'Set the description of a stored vMCP'
        }
        &'vmcp;help;vmcp;create'= {
        }
        &'vmcp;help;vmcp;list'= {
        }
        &'vmcp;help;vmcp;show'= {
        }
        &'vmcp;help;vmcp;edit'= {
        }
        &'vmcp;help;vmcp;remove'= {
        }
        &'vmcp;help;vmcp;export'= {
        }
        &'vmcp;help;vmcp;add-server'= {
        }
        &'vmcp;help;vmcp;set-scope'= {
        }
        &'vmcp;help;vmcp;remove-server'= {
        }
        &'vmcp;help;vmcp;filter'= {
        }
        &'vmcp;help;vmcp;rename-tool'= {
        }
        &'vmcp;help;vmcp;describe-tool'= {
        }
        &'vmcp;help;vmcp;set-arg'= {
        }
        &'vmcp;help;vmcp;set-instructions'= {
        }
        &'vmcp;help;vmcp;set-description'= {
        }
        &'vmcp;help;import'= {
        }
        &'vmcp;help;install'= {
        }
        &'vmcp;help;uninstall'= {
        }
        &'vmcp;help;stats'= {
        }
        &'vmcp;help;log'= {
        }
        &'vmcp;help;trust'= {
            cand diff 'Show how a server''s tools differ from what was approved (exit 1 if they do)'
        }
        &'vmcp;help;trust;diff'= {
        }
        &'vmcp;help;cache'= {
            cand list 'Show the cached lists: per server, how many items and when they were fetched'
            cand clear 'Forget cached lists (of the named servers, or all): the next session waits for its upstreams once, and caches again'
        }
        &'vmcp;help;cache;list'= {
        }
        &'vmcp;help;cache;clear'= {
        }
        &'vmcp;help;settings'= {
            cand list 'Show every setting with its value'
            cand set 'Set a setting'
            cand unset 'Return a setting to its default'
        }
        &'vmcp;help;settings;list'= {
        }
        &'vmcp;help;settings;set'= {
        }
        &'vmcp;help;settings;unset'= {
        }
        &'vmcp;help;auth'= {
            cand status 'Each remote server''s credentials: state (logged in, expired, needs login, static, none), expiry and scopes. Tokens are never shown'
        }
        &'vmcp;help;auth;status'= {
        }
        &'vmcp;help;login'= {
        }
        &'vmcp;help;logout'= {
        }
        &'vmcp;help;doctor'= {
        }
        &'vmcp;help;completions'= {
        }
        &'vmcp;help;help'= {
        }
    ]
    $completions[$command]
}
