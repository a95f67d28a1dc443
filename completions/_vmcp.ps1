
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'vmcp' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'vmcp'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'vmcp' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('stdio', 'stdio', [CompletionResultType]::ParameterValue, 'Serve a vMCP over stdio: the command an AI client launches')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve vMCPs over streamable HTTP to many clients (`vmcp serve token` manages access)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate definitions, then start each vMCP and verify what it exposes (for CI)')
            [CompletionResult]::new('tools', 'tools', [CompletionResultType]::ParameterValue, 'List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one')
            [CompletionResult]::new('tool', 'tool', [CompletionResultType]::ParameterValue, 'List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one')
            [CompletionResult]::new('prompts', 'prompts', [CompletionResultType]::ParameterValue, 'List or get the prompts a vMCP exposes')
            [CompletionResult]::new('resources', 'resources', [CompletionResultType]::ParameterValue, 'List or read the resources a vMCP exposes')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'Call one tool of a vMCP and print its result (exit 7 when the tool reports an error)')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Manage upstream servers in the store')
            [CompletionResult]::new('registry', 'registry', [CompletionResultType]::ParameterValue, 'Find servers in MCP registries (`registry.url`): search, show an entry')
            [CompletionResult]::new('vmcp', 'vmcp', [CompletionResultType]::ParameterValue, 'Manage vMCP definitions in the store')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import servers and vMCPs from a definition file (or another client''s config)')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Add a vMCP to an AI client''s MCP configuration (backed up first; `--dry-run` shows the diff)')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove a vMCP from an AI client''s MCP configuration')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Calls, errors and latency per server and tool, from the call log')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'The most recent calls (`--follow` to keep watching)')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'What upstream tools looked like when approved, and what changed since')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The catalog cache that answers a session''s first `tools/list` at once')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Settings kept in the store (call log retention…)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Credentials of remote servers (`vmcp auth status`)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a remote server with OAuth (opens a browser; `--no-browser` prints the URL)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget a server''s OAuth credentials (revoked first where the server supports it)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Explain the environment: paths, store health, servers'' commands, installed clients, versions')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;stdio' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to serve')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--no-watch', '--no-watch', [CompletionResultType]::ParameterName, 'Do not follow edits of the definition while serving (SIGHUP still reloads it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;serve' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'Serve only this vMCP (repeatable; default: every vMCP)')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on. Anything but loopback requires tokens (no `--no-auth`)')
            [CompletionResult]::new('--oauth-issuer', '--oauth-issuer', [CompletionResultType]::ParameterName, 'Also accept OAuth access tokens (JWTs) from this authorization server, named by its issuer URL; clients discover it from /.well-known/oauth-protected-resource')
            [CompletionResult]::new('--oauth-audience', '--oauth-audience', [CompletionResultType]::ParameterName, 'Accept this token audience too, besides each vMCP''s URL and the server''s (repeatable)')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The URL clients reach this server at (behind a reverse proxy): tokens'' audience and the metadata derive from it [default: http://<listen address>]')
            [CompletionResult]::new('--oauth-jwks-cooldown', '--oauth-jwks-cooldown', [CompletionResultType]::ParameterName, 'The least time between fetches of the issuer''s keys that tokens naming an unknown key may cause [default: 30s]')
            [CompletionResult]::new('--session-ttl', '--session-ttl', [CompletionResultType]::ParameterName, 'A 2025-11-25 client''s session ends after this long without requests [default: 30m]')
            [CompletionResult]::new('--max-sessions', '--max-sessions', [CompletionResultType]::ParameterName, 'Live 2025-11-25 sessions at most; the least recently used one ends for a new one')
            [CompletionResult]::new('--max-concurrent', '--max-concurrent', [CompletionResultType]::ParameterName, 'Requests in progress at most per 2025-11-25 session; one more is refused at once with 429 and a JSON-RPC error, never queued')
            [CompletionResult]::new('--allow-origin', '--allow-origin', [CompletionResultType]::ParameterName, 'A browser origin allowed to call (repeatable; loopback origins are allowed on a loopback address)')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'On SIGTERM/SIGINT, how long requests in progress may take to finish [default: 10s]')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'The largest request body accepted, in bytes')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--no-auth', '--no-auth', [CompletionResultType]::ParameterName, 'Serve loopback without authentication (any local process can then use the vMCPs)')
            [CompletionResult]::new('--no-watch', '--no-watch', [CompletionResultType]::ParameterName, 'Do not follow edits of the definitions while serving (SIGHUP still reloads them)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Bearer tokens that let clients in')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;serve;token' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token and print it (once: only its digest is stored)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (names, vMCPs, when created and last used; never the secrets)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List tokens (names, vMCPs, when created and last used; never the secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token (a running server refuses it within a second)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Revoke a token (a running server refuses it within a second)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;serve;token;create' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP it opens (repeatable; default: every vMCP served)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;serve;token;list' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;serve;token;ls' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;serve;token;revoke' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;serve;token;rm' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;serve;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token and print it (once: only its digest is stored)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (names, vMCPs, when created and last used; never the secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token (a running server refuses it within a second)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;serve;token;help;create' {
            break
        }
        'vmcp;serve;token;help;list' {
            break
        }
        'vmcp;serve;token;help;revoke' {
            break
        }
        'vmcp;serve;token;help;help' {
            break
        }
        'vmcp;serve;help' {
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Bearer tokens that let clients in')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;serve;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token and print it (once: only its digest is stored)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (names, vMCPs, when created and last used; never the secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token (a running server refuses it within a second)')
            break
        }
        'vmcp;serve;help;token;create' {
            break
        }
        'vmcp;serve;help;token;list' {
            break
        }
        'vmcp;serve;help;token;revoke' {
            break
        }
        'vmcp;serve;help;help' {
            break
        }
        'vmcp;check' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml and the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml and the store)')
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'Check only this vMCP')
            [CompletionResult]::new('--expect-tool', '--expect-tool', [CompletionResultType]::ParameterName, 'Fail unless the vMCP exposes this tool (repeatable; needs --vmcp)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Check every vMCP (the default without --vmcp)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Validate the definitions only; start no server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the report as JSON (see README, "JSON output")')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on warnings too (tool definitions that look poisoned)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;tools' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tools the vMCP exposes, with the server each comes from')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the tools the vMCP exposes, with the server each comes from')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;tool' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tools the vMCP exposes, with the server each comes from')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the tools the vMCP exposes, with the server each comes from')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;tools;list' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;tools;ls' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;tool;list' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;tool;ls' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;tools;search' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many tools to show, best first (default: the vMCP''s `tool_search.results`, 8)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many tools to show, best first (default: the vMCP''s `tool_search.results`, 8)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;tool;search' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many tools to show, best first (default: the vMCP''s `tool_search.results`, 8)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many tools to show, best first (default: the vMCP''s `tool_search.results`, 8)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;tools;test' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--args', '--args', [CompletionResultType]::ParameterName, 'Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--render-only', '--render-only', [CompletionResultType]::ParameterName, 'Show what the call would do (the rendered template, program, request or steps) as JSON, without running anything or starting any server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the whole result as JSON, verbatim (content, structuredContent, isError)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;tool;test' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--args', '--args', [CompletionResultType]::ParameterName, 'Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--render-only', '--render-only', [CompletionResultType]::ParameterName, 'Show what the call would do (the rendered template, program, request or steps) as JSON, without running anything or starting any server')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the whole result as JSON, verbatim (content, structuredContent, isError)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;tools;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tools the vMCP exposes, with the server each comes from')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;tools;help;list' {
            break
        }
        'vmcp;tools;help;search' {
            break
        }
        'vmcp;tools;help;test' {
            break
        }
        'vmcp;tools;help;help' {
            break
        }
        'vmcp;tool;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tools the vMCP exposes, with the server each comes from')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;tool;help;list' {
            break
        }
        'vmcp;tool;help;search' {
            break
        }
        'vmcp;tool;help;test' {
            break
        }
        'vmcp;tool;help;help' {
            break
        }
        'vmcp;prompts' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the prompts the vMCP exposes')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the prompts the vMCP exposes')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Get a prompt with its arguments (`key=value`…) and print its messages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;prompts;list' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;prompts;ls' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;prompts;get' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as JSON, verbatim')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;prompts;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the prompts the vMCP exposes')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Get a prompt with its arguments (`key=value`…) and print its messages')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;prompts;help;list' {
            break
        }
        'vmcp;prompts;help;get' {
            break
        }
        'vmcp;prompts;help;help' {
            break
        }
        'vmcp;resources' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the resources and resource templates the vMCP exposes')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the resources and resource templates the vMCP exposes')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Read a resource: text is printed; binary content is written as bytes when stdout is not a terminal (`> file.png`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;resources;list' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;resources;ls' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;resources;read' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as JSON, verbatim')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;resources;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the resources and resource templates the vMCP exposes')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Read a resource: text is printed; binary content is written as bytes when stdout is not a terminal (`> file.png`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;resources;help;list' {
            break
        }
        'vmcp;resources;help;read' {
            break
        }
        'vmcp;resources;help;help' {
            break
        }
        'vmcp;call' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'The vMCP to open')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file (default: $VMCP_HOME/vmcp.yaml, then the store)')
            [CompletionResult]::new('--args', '--args', [CompletionResultType]::ParameterName, 'Arguments as a JSON object: inline, `@file.json`, or `@-` for stdin')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the whole result as JSON, verbatim (content, structuredContent, isError)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or `--from ENTRY` (an MCP registry entry)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List servers (stored ones and those of the default definition file)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List servers (stored ones and those of the default definition file)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one server')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a stored server''s YAML in $VISUAL / $EDITOR (saved only if valid)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a stored server; vMCPs using it follow')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a stored server')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a stored server')
            [CompletionResult]::new('outdated', 'outdated', [CompletionResultType]::ParameterValue, 'Servers added from a registry (`--from`) whose entry has a newer version')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move a server added from a registry to the entry''s newest version, with the same choices (its trust settings still review changed tools)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Start the server, list what it offers with timings, and stop it')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Start the server and record its tools as approved (their whole definitions, hashed), so later changes show in `vmcp trust diff`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;server;add' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Streamable HTTP endpoint (instead of a command)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'An MCP registry entry, `NAME[@VERSION]` (default: the latest), made into the server: a package this machine can run, else a remote (`vmcp registry search` finds names)')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'With `--from`: ask this registry (its base URL) instead of the `registry.url` setting')
            [CompletionResult]::new('--package', '--package', [CompletionResultType]::ParameterName, 'With `--from`: use the entry''s package of this type (`npm`, `pypi`, `oci`)')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'With `--from`: use the entry''s remote N (1 for the first)')
            [CompletionResult]::new('--arg', '--arg', [CompletionResultType]::ParameterName, 'With `--from`: a value for the entry''s arguments (repeatable): `VALUE` fills the next positional argument, `KEY=VALUE` the argument or variable named KEY (`--port=8080`, `host=example.com`)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment variable for the child, `KEY=VALUE` (repeatable). Use `${env:VAR}` to keep a secret in your environment rather than in the store. With `--from`, secrets not given (nor typed at the prompt) are stored as `${env:NAME}`')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment variable for the child, `KEY=VALUE` (repeatable). Use `${env:VAR}` to keep a secret in your environment rather than in the store. With `--from`, secrets not given (nor typed at the prompt) are stored as `${env:NAME}`')
            [CompletionResult]::new('--cwd', '--cwd', [CompletionResultType]::ParameterName, 'Working directory of the child')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'HTTP header, `NAME=VALUE` (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'HTTP header, `NAME=VALUE` (repeatable)')
            [CompletionResult]::new('--transport', '--transport', [CompletionResultType]::ParameterName, 'Transport of a URL server')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, '`pinned`: its tools are approved automatically the first time they are listed (flagged ones excepted), later new or changed ones wait for `vmcp server approve`; `review`: nothing is exposed until `vmcp server approve`; `always`: whatever the server offers. Default: the `trust.default` setting (`pinned`)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--startup-timeout', '--startup-timeout', [CompletionResultType]::ParameterName, 'Startup deadline (e.g. `60s`)')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Idle timeout of one request (e.g. `5m`)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--approve', '--approve', [CompletionResultType]::ParameterName, 'Start the server and approve the tools it offers now, flagged ones included (without asking)')
            [CompletionResult]::new('--no-approve', '--no-approve', [CompletionResultType]::ParameterName, 'Do not start it now: no question about approving a `review` server, no note')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace a server of the same name')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;list' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show env and header values that look like secrets')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;ls' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show env and header values that look like secrets')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;show' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'show-secrets')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;edit' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;rename' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;remove' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Also remove it from the vMCPs that use it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;rm' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Also remove it from the vMCPs that use it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;outdated' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;upgrade' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;test' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;approve' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--tool', '--tool', [CompletionResultType]::ParameterName, 'Approve only this tool (repeatable); a tool no longer offered loses its pin')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;server;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or `--from ENTRY` (an MCP registry entry)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List servers (stored ones and those of the default definition file)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one server')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a stored server''s YAML in $VISUAL / $EDITOR (saved only if valid)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a stored server; vMCPs using it follow')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a stored server')
            [CompletionResult]::new('outdated', 'outdated', [CompletionResultType]::ParameterValue, 'Servers added from a registry (`--from`) whose entry has a newer version')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move a server added from a registry to the entry''s newest version, with the same choices (its trust settings still review changed tools)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Start the server, list what it offers with timings, and stop it')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Start the server and record its tools as approved (their whole definitions, hashed), so later changes show in `vmcp trust diff`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;server;help;add' {
            break
        }
        'vmcp;server;help;list' {
            break
        }
        'vmcp;server;help;show' {
            break
        }
        'vmcp;server;help;edit' {
            break
        }
        'vmcp;server;help;rename' {
            break
        }
        'vmcp;server;help;remove' {
            break
        }
        'vmcp;server;help;outdated' {
            break
        }
        'vmcp;server;help;upgrade' {
            break
        }
        'vmcp;server;help;test' {
            break
        }
        'vmcp;server;help;approve' {
            break
        }
        'vmcp;server;help;help' {
            break
        }
        'vmcp;registry' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the registries for servers whose name holds QUERY (all servers without one)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one entry: its versions, packages and remotes, and the values they take')
            [CompletionResult]::new('clear-cache', 'clear-cache', [CompletionResultType]::ParameterValue, 'Forget the registry answers cached in the store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;registry;search' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Entries per page')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Continue a listing where the previous page ended (as that page said)')
            [CompletionResult]::new('--updated-since', '--updated-since', [CompletionResultType]::ParameterName, 'Only entries updated since this time (RFC 3339, e.g. `2026-01-31T00:00:00Z`)')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Ask this registry (its base URL) instead of those of the `registry.url` setting')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;registry;show' {
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Ask this registry (its base URL) instead of those of the `registry.url` setting')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: the registry''s answer as sent, with its versions')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;registry;clear-cache' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;registry;help' {
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the registries for servers whose name holds QUERY (all servers without one)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one entry: its versions, packages and remotes, and the values they take')
            [CompletionResult]::new('clear-cache', 'clear-cache', [CompletionResultType]::ParameterValue, 'Forget the registry answers cached in the store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;registry;help;search' {
            break
        }
        'vmcp;registry;help;show' {
            break
        }
        'vmcp;registry;help;clear-cache' {
            break
        }
        'vmcp;registry;help;help' {
            break
        }
        'vmcp;vmcp' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a vMCP in the store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List vMCPs (stored ones and those of the default definition file)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List vMCPs (stored ones and those of the default definition file)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a vMCP and say which source defines it')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a stored vMCP''s YAML in $VISUAL / $EDITOR (saved only if valid)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a stored vMCP')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a stored vMCP')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it)')
            [CompletionResult]::new('add-server', 'add-server', [CompletionResultType]::ParameterValue, 'Add a server to a stored vMCP')
            [CompletionResult]::new('set-scope', 'set-scope', [CompletionResultType]::ParameterValue, 'Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP session (`session`, the default) or one for every session (`shared`)')
            [CompletionResult]::new('remove-server', 'remove-server', [CompletionResultType]::ParameterValue, 'Remove a server from a stored vMCP')
            [CompletionResult]::new('filter', 'filter', [CompletionResultType]::ParameterValue, 'Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty value clears the list)')
            [CompletionResult]::new('rename-tool', 'rename-tool', [CompletionResultType]::ParameterValue, 'Expose a tool under another name (`--reset` to undo)')
            [CompletionResult]::new('describe-tool', 'describe-tool', [CompletionResultType]::ParameterValue, 'Override a tool''s description (`--reset` to undo)')
            [CompletionResult]::new('set-arg', 'set-arg', [CompletionResultType]::ParameterValue, 'Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it, describe or rename it (`--reset` removes the rule). TOOL is the server''s own name for the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`), else text')
            [CompletionResult]::new('set-instructions', 'set-instructions', [CompletionResultType]::ParameterValue, 'Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them)')
            [CompletionResult]::new('set-description', 'set-description', [CompletionResultType]::ParameterValue, 'Set the description of a stored vMCP')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;vmcp;create' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'A server it uses (repeatable; it must exist: `vmcp server add`)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'A server it uses (repeatable; it must exist: `vmcp server add`)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--instructions', '--instructions', [CompletionResultType]::ParameterName, 'The system prompt sent to the AI client in `initialize`')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;list' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;ls' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;show' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Look in this definition file only')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Look in this definition file only')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'show-secrets')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;edit' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;remove' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;rm' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;export' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'c')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'config')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;add-server' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Exposed names become `<prefix>_<name>` ("" for none)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Under `vmcp serve`: an instance per MCP session (`session`, the default) or one for every session of the vMCP (`shared`)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;set-scope' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;remove-server' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;filter' {
            [CompletionResult]::new('--tools', '--tools', [CompletionResultType]::ParameterName, 'tools')
            [CompletionResult]::new('--exclude-tools', '--exclude-tools', [CompletionResultType]::ParameterName, 'exclude-tools')
            [CompletionResult]::new('--prompts', '--prompts', [CompletionResultType]::ParameterName, 'prompts')
            [CompletionResult]::new('--exclude-prompts', '--exclude-prompts', [CompletionResultType]::ParameterName, 'exclude-prompts')
            [CompletionResult]::new('--resources', '--resources', [CompletionResultType]::ParameterName, 'resources')
            [CompletionResult]::new('--exclude-resources', '--exclude-resources', [CompletionResultType]::ParameterName, 'exclude-resources')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;rename-tool' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'reset')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;describe-tool' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'reset')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;set-arg' {
            [CompletionResult]::new('--value', '--value', [CompletionResultType]::ParameterName, 'Always send this value; the parameter leaves the exposed schema')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Send this value when the client leaves the parameter out')
            [CompletionResult]::new('--describe', '--describe', [CompletionResultType]::ParameterName, 'The parameter''s description in the exposed schema')
            [CompletionResult]::new('--rename', '--rename', [CompletionResultType]::ParameterName, 'Expose the parameter under this name')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--hide', '--hide', [CompletionResultType]::ParameterName, 'Remove the parameter from the exposed schema; it is never sent')
            [CompletionResult]::new('--allow-override', '--allow-override', [CompletionResultType]::ParameterName, 'With --value or --hide: a client may still send the parameter, and its value is used')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'Remove the parameter''s rule')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;set-instructions' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read them from a file')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'reset')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;set-description' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;vmcp;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a vMCP in the store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List vMCPs (stored ones and those of the default definition file)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a vMCP and say which source defines it')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a stored vMCP''s YAML in $VISUAL / $EDITOR (saved only if valid)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a stored vMCP')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it)')
            [CompletionResult]::new('add-server', 'add-server', [CompletionResultType]::ParameterValue, 'Add a server to a stored vMCP')
            [CompletionResult]::new('set-scope', 'set-scope', [CompletionResultType]::ParameterValue, 'Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP session (`session`, the default) or one for every session (`shared`)')
            [CompletionResult]::new('remove-server', 'remove-server', [CompletionResultType]::ParameterValue, 'Remove a server from a stored vMCP')
            [CompletionResult]::new('filter', 'filter', [CompletionResultType]::ParameterValue, 'Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty value clears the list)')
            [CompletionResult]::new('rename-tool', 'rename-tool', [CompletionResultType]::ParameterValue, 'Expose a tool under another name (`--reset` to undo)')
            [CompletionResult]::new('describe-tool', 'describe-tool', [CompletionResultType]::ParameterValue, 'Override a tool''s description (`--reset` to undo)')
            [CompletionResult]::new('set-arg', 'set-arg', [CompletionResultType]::ParameterValue, 'Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it, describe or rename it (`--reset` removes the rule). TOOL is the server''s own name for the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`), else text')
            [CompletionResult]::new('set-instructions', 'set-instructions', [CompletionResultType]::ParameterValue, 'Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them)')
            [CompletionResult]::new('set-description', 'set-description', [CompletionResultType]::ParameterValue, 'Set the description of a stored vMCP')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;vmcp;help;create' {
            break
        }
        'vmcp;vmcp;help;list' {
            break
        }
        'vmcp;vmcp;help;show' {
            break
        }
        'vmcp;vmcp;help;edit' {
            break
        }
        'vmcp;vmcp;help;remove' {
            break
        }
        'vmcp;vmcp;help;export' {
            break
        }
        'vmcp;vmcp;help;add-server' {
            break
        }
        'vmcp;vmcp;help;set-scope' {
            break
        }
        'vmcp;vmcp;help;remove-server' {
            break
        }
        'vmcp;vmcp;help;filter' {
            break
        }
        'vmcp;vmcp;help;rename-tool' {
            break
        }
        'vmcp;vmcp;help;describe-tool' {
            break
        }
        'vmcp;vmcp;help;set-arg' {
            break
        }
        'vmcp;vmcp;help;set-instructions' {
            break
        }
        'vmcp;vmcp;help;set-description' {
            break
        }
        'vmcp;vmcp;help;help' {
            break
        }
        'vmcp;import' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Import another tool''s configuration instead (at its usual location, or `--file`)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'With `--from CLIENT`: read this file instead of the client''s usual one')
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'Gather the imported servers into a new vMCP of this name (with `--from 1xn`: the name of the imported vMCP)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Overwrite servers and vMCPs that exist with different content')
            [CompletionResult]::new('--skip-existing', '--skip-existing', [CompletionResultType]::ParameterName, 'Keep existing servers and vMCPs, import only new ones')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be imported (as YAML) and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;install' {
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'The AI client to configure')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The client''s configuration file (default: its usual location)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The entry''s name in the client (default: the vMCP name)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The vMCP''s URL [default: http://127.0.0.1:7332/mcp/NAME]')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'The environment variable holding a `vmcp serve token`: the entry sends it as a bearer token, referencing the variable (the token itself is never written)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace (or remove) an entry of that name that does not run vmcp')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change as a diff and write nothing')
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'Connect the client to `vmcp serve` over HTTP instead of starting vmcp (for clients whose configuration takes URLs)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;uninstall' {
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'The AI client to configure')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The client''s configuration file (default: its usual location)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The entry''s name in the client (default: the vMCP name)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The vMCP''s URL [default: http://127.0.0.1:7332/mcp/NAME]')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'The environment variable holding a `vmcp serve token`: the entry sends it as a bearer token, referencing the variable (the token itself is never written)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace (or remove) an entry of that name that does not run vmcp')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the change as a diff and write nothing')
            [CompletionResult]::new('--http', '--http', [CompletionResultType]::ParameterName, 'Connect the client to `vmcp serve` over HTTP instead of starting vmcp (for clients whose configuration takes URLs)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;stats' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'Only this vMCP')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only calls of the last period: `7d`, `24h`, `30m`')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;log' {
            [CompletionResult]::new('--vmcp', '--vmcp', [CompletionResultType]::ParameterName, 'Only this vMCP')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many recent calls to show')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many recent calls to show')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing calls as they are recorded (Ctrl-C to stop)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing calls as they are recorded (Ctrl-C to stop)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;trust' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show how a server''s tools differ from what was approved (exit 1 if they do)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;trust;diff' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;trust;help' {
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show how a server''s tools differ from what was approved (exit 1 if they do)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;trust;help;diff' {
            break
        }
        'vmcp;trust;help;help' {
            break
        }
        'vmcp;cache' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the cached lists: per server, how many items and when they were fetched')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Show the cached lists: per server, how many items and when they were fetched')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Forget cached lists (of the named servers, or all): the next session waits for its upstreams once, and caches again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;cache;list' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;cache;ls' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (see README, "JSON output")')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;cache;clear' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;cache;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the cached lists: per server, how many items and when they were fetched')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Forget cached lists (of the named servers, or all): the next session waits for its upstreams once, and caches again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;cache;help;list' {
            break
        }
        'vmcp;cache;help;clear' {
            break
        }
        'vmcp;cache;help;help' {
            break
        }
        'vmcp;settings' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show every setting with its value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a setting')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Return a setting to its default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;settings;list' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;settings;set' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;settings;unset' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;settings;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show every setting with its value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a setting')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Return a setting to its default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;settings;help;list' {
            break
        }
        'vmcp;settings;help;set' {
            break
        }
        'vmcp;settings;help;unset' {
            break
        }
        'vmcp;settings;help;help' {
            break
        }
        'vmcp;auth' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Each remote server''s credentials: state (logged in, expired, needs login, static, none), expiry and scopes. Tokens are never shown')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;auth;status' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Each remote server''s credentials: state (logged in, expired, needs login, static, none), expiry and scopes. Tokens are never shown')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;auth;help;status' {
            break
        }
        'vmcp;auth;help;help' {
            break
        }
        'vmcp;login' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Definition file that defines the server (default: the store, then $VMCP_HOME/vmcp.yaml)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to ask for (repeatable, or comma-separated); default: what the server asks for')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the browser')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the authorization URL instead of opening a browser (SSH sessions)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;logout' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;doctor' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the report as JSON')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;completions' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Append logs to this file instead of stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More log output on stderr (-v info, -vv debug, -vvv trace). VMCP_LOG overrides')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only log errors')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show spinners (they are shown only when stderr is a terminal anyway)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'vmcp;help' {
            [CompletionResult]::new('stdio', 'stdio', [CompletionResultType]::ParameterValue, 'Serve a vMCP over stdio: the command an AI client launches')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve vMCPs over streamable HTTP to many clients (`vmcp serve token` manages access)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate definitions, then start each vMCP and verify what it exposes (for CI)')
            [CompletionResult]::new('tools', 'tools', [CompletionResultType]::ParameterValue, 'List the tools a vMCP exposes (opened exactly as `vmcp stdio` would), or test a custom one')
            [CompletionResult]::new('prompts', 'prompts', [CompletionResultType]::ParameterValue, 'List or get the prompts a vMCP exposes')
            [CompletionResult]::new('resources', 'resources', [CompletionResultType]::ParameterValue, 'List or read the resources a vMCP exposes')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'Call one tool of a vMCP and print its result (exit 7 when the tool reports an error)')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Manage upstream servers in the store')
            [CompletionResult]::new('registry', 'registry', [CompletionResultType]::ParameterValue, 'Find servers in MCP registries (`registry.url`): search, show an entry')
            [CompletionResult]::new('vmcp', 'vmcp', [CompletionResultType]::ParameterValue, 'Manage vMCP definitions in the store')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import servers and vMCPs from a definition file (or another client''s config)')
            [CompletionResult]::new('install', 'install', [CompletionResultType]::ParameterValue, 'Add a vMCP to an AI client''s MCP configuration (backed up first; `--dry-run` shows the diff)')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Remove a vMCP from an AI client''s MCP configuration')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Calls, errors and latency per server and tool, from the call log')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'The most recent calls (`--follow` to keep watching)')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'What upstream tools looked like when approved, and what changed since')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The catalog cache that answers a session''s first `tools/list` at once')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Settings kept in the store (call log retention…)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Credentials of remote servers (`vmcp auth status`)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a remote server with OAuth (opens a browser; `--no-browser` prints the URL)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget a server''s OAuth credentials (revoked first where the server supports it)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Explain the environment: paths, store health, servers'' commands, installed clients, versions')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vmcp;help;stdio' {
            break
        }
        'vmcp;help;serve' {
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Bearer tokens that let clients in')
            break
        }
        'vmcp;help;serve;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token and print it (once: only its digest is stored)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (names, vMCPs, when created and last used; never the secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token (a running server refuses it within a second)')
            break
        }
        'vmcp;help;serve;token;create' {
            break
        }
        'vmcp;help;serve;token;list' {
            break
        }
        'vmcp;help;serve;token;revoke' {
            break
        }
        'vmcp;help;check' {
            break
        }
        'vmcp;help;tools' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the tools the vMCP exposes, with the server each comes from')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Rank the vMCP''s tools for a query, as its `search_tools` does for the AI client (whether tool search is on or not)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Run one custom tool of the vMCP, starting only the servers it needs, and print its result (`--render-only`: show what it would do, as JSON, without doing it)')
            break
        }
        'vmcp;help;tools;list' {
            break
        }
        'vmcp;help;tools;search' {
            break
        }
        'vmcp;help;tools;test' {
            break
        }
        'vmcp;help;prompts' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the prompts the vMCP exposes')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Get a prompt with its arguments (`key=value`…) and print its messages')
            break
        }
        'vmcp;help;prompts;list' {
            break
        }
        'vmcp;help;prompts;get' {
            break
        }
        'vmcp;help;resources' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the resources and resource templates the vMCP exposes')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Read a resource: text is printed; binary content is written as bytes when stdout is not a terminal (`> file.png`)')
            break
        }
        'vmcp;help;resources;list' {
            break
        }
        'vmcp;help;resources;read' {
            break
        }
        'vmcp;help;call' {
            break
        }
        'vmcp;help;server' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an upstream server: `vmcp server add NAME -- COMMAND [ARGS…]`, `--url URL`, or `--from ENTRY` (an MCP registry entry)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List servers (stored ones and those of the default definition file)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one server')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a stored server''s YAML in $VISUAL / $EDITOR (saved only if valid)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a stored server; vMCPs using it follow')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a stored server')
            [CompletionResult]::new('outdated', 'outdated', [CompletionResultType]::ParameterValue, 'Servers added from a registry (`--from`) whose entry has a newer version')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move a server added from a registry to the entry''s newest version, with the same choices (its trust settings still review changed tools)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Start the server, list what it offers with timings, and stop it')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Start the server and record its tools as approved (their whole definitions, hashed), so later changes show in `vmcp trust diff`')
            break
        }
        'vmcp;help;server;add' {
            break
        }
        'vmcp;help;server;list' {
            break
        }
        'vmcp;help;server;show' {
            break
        }
        'vmcp;help;server;edit' {
            break
        }
        'vmcp;help;server;rename' {
            break
        }
        'vmcp;help;server;remove' {
            break
        }
        'vmcp;help;server;outdated' {
            break
        }
        'vmcp;help;server;upgrade' {
            break
        }
        'vmcp;help;server;test' {
            break
        }
        'vmcp;help;server;approve' {
            break
        }
        'vmcp;help;registry' {
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the registries for servers whose name holds QUERY (all servers without one)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one entry: its versions, packages and remotes, and the values they take')
            [CompletionResult]::new('clear-cache', 'clear-cache', [CompletionResultType]::ParameterValue, 'Forget the registry answers cached in the store')
            break
        }
        'vmcp;help;registry;search' {
            break
        }
        'vmcp;help;registry;show' {
            break
        }
        'vmcp;help;registry;clear-cache' {
            break
        }
        'vmcp;help;vmcp' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a vMCP in the store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List vMCPs (stored ones and those of the default definition file)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a vMCP and say which source defines it')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a stored vMCP''s YAML in $VISUAL / $EDITOR (saved only if valid)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a stored vMCP')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print a definition file holding the vMCP and the servers it uses (`vmcp import` reads it)')
            [CompletionResult]::new('add-server', 'add-server', [CompletionResultType]::ParameterValue, 'Add a server to a stored vMCP')
            [CompletionResult]::new('set-scope', 'set-scope', [CompletionResultType]::ParameterValue, 'Set how many instances of one server `vmcp serve` runs for a stored vMCP: one per MCP session (`session`, the default) or one for every session (`shared`)')
            [CompletionResult]::new('remove-server', 'remove-server', [CompletionResultType]::ParameterValue, 'Remove a server from a stored vMCP')
            [CompletionResult]::new('filter', 'filter', [CompletionResultType]::ParameterValue, 'Set allow/deny lists of one server in a stored vMCP (globs, comma-separated; an empty value clears the list)')
            [CompletionResult]::new('rename-tool', 'rename-tool', [CompletionResultType]::ParameterValue, 'Expose a tool under another name (`--reset` to undo)')
            [CompletionResult]::new('describe-tool', 'describe-tool', [CompletionResultType]::ParameterValue, 'Override a tool''s description (`--reset` to undo)')
            [CompletionResult]::new('set-arg', 'set-arg', [CompletionResultType]::ParameterValue, 'Shape one parameter of a tool in a stored vMCP: fix it, give it a default, hide it, describe or rename it (`--reset` removes the rule). TOOL is the server''s own name for the tool, or a glob. Values are JSON when they parse as JSON (`20`, `true`, `["a"]`), else text')
            [CompletionResult]::new('set-instructions', 'set-instructions', [CompletionResultType]::ParameterValue, 'Set the instructions (system prompt) of a stored vMCP (`--reset` to remove them)')
            [CompletionResult]::new('set-description', 'set-description', [CompletionResultType]::ParameterValue, 'Set the description of a stored vMCP')
            break
        }
        'vmcp;help;vmcp;create' {
            break
        }
        'vmcp;help;vmcp;list' {
            break
        }
        'vmcp;help;vmcp;show' {
            break
        }
        'vmcp;help;vmcp;edit' {
            break
        }
        'vmcp;help;vmcp;remove' {
            break
        }
        'vmcp;help;vmcp;export' {
            break
        }
        'vmcp;help;vmcp;add-server' {
            break
        }
        'vmcp;help;vmcp;set-scope' {
            break
        }
        'vmcp;help;vmcp;remove-server' {
            break
        }
        'vmcp;help;vmcp;filter' {
            break
        }
        'vmcp;help;vmcp;rename-tool' {
            break
        }
        'vmcp;help;vmcp;describe-tool' {
            break
        }
        'vmcp;help;vmcp;set-arg' {
            break
        }
        'vmcp;help;vmcp;set-instructions' {
            break
        }
        'vmcp;help;vmcp;set-description' {
            break
        }
        'vmcp;help;import' {
            break
        }
        'vmcp;help;install' {
            break
        }
        'vmcp;help;uninstall' {
            break
        }
        'vmcp;help;stats' {
            break
        }
        'vmcp;help;log' {
            break
        }
        'vmcp;help;trust' {
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show how a server''s tools differ from what was approved (exit 1 if they do)')
            break
        }
        'vmcp;help;trust;diff' {
            break
        }
        'vmcp;help;cache' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show the cached lists: per server, how many items and when they were fetched')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Forget cached lists (of the named servers, or all): the next session waits for its upstreams once, and caches again')
            break
        }
        'vmcp;help;cache;list' {
            break
        }
        'vmcp;help;cache;clear' {
            break
        }
        'vmcp;help;settings' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show every setting with its value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a setting')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Return a setting to its default')
            break
        }
        'vmcp;help;settings;list' {
            break
        }
        'vmcp;help;settings;set' {
            break
        }
        'vmcp;help;settings;unset' {
            break
        }
        'vmcp;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Each remote server''s credentials: state (logged in, expired, needs login, static, none), expiry and scopes. Tokens are never shown')
            break
        }
        'vmcp;help;auth;status' {
            break
        }
        'vmcp;help;login' {
            break
        }
        'vmcp;help;logout' {
            break
        }
        'vmcp;help;doctor' {
            break
        }
        'vmcp;help;completions' {
            break
        }
        'vmcp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
