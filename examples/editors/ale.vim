" kaudit as an ALE linter for YAML buffers (unsaved text goes to stdin).
function! KauditHandle(buffer, lines) abort
  return ale#util#MapMatches(a:lines,
  \ '\v^[^:]+:(\d+):(\d+): (error|warning|note): (.*) \[([a-z0-9-]+)\]$',
  \ {m -> {'lnum': m[1] + 0, 'col': m[2] + 0,
  \        'type': m[3] is# 'error' ? 'E' : m[3] is# 'warning' ? 'W' : 'I',
  \        'text': m[4], 'code': m[5]}})
endfunction

call ale#linter#Define('yaml', {
\   'name': 'kaudit',
\   'executable': 'kaudit',
\   'command': 'kaudit --quiet --color never --stdin-filename %s -',
\   'callback': 'KauditHandle',
\   'output_stream': 'stdout',
\})
