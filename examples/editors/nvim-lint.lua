-- kaudit for Neovim with nvim-lint (https://github.com/mfussenegger/nvim-lint).
-- The buffer goes to kaudit on stdin. kaudit's columns count characters and
-- Neovim's diagnostics count bytes, so the parser converts each column on
-- its line (vim.str_byteindex): right on lines with non-ASCII text too.
local lint = require('lint')

local severities = {
  error = vim.diagnostic.severity.ERROR,
  warning = vim.diagnostic.severity.WARN,
  note = vim.diagnostic.severity.INFO,
}

local function parse(output, bufnr)
  local diagnostics = {}
  for line in vim.gsplit(output, '\n', true) do
    local lnum, col, level, message, code =
      line:match('^.-:(%d+):(%d+): (%a+): (.*) %[([%w-]+)%]$')
    if lnum and severities[level] then
      lnum, col = tonumber(lnum) - 1, tonumber(col) - 1
      local text = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
      local ok, byte = pcall(vim.str_byteindex, text, col)
      table.insert(diagnostics, {
        lnum = lnum, col = ok and byte or col, severity = severities[level],
        message = message, code = code, source = 'kaudit',
      })
    end
  end
  return diagnostics
end

lint.linters.kaudit = {
  cmd = 'kaudit',
  stdin = true,
  args = { '--quiet', '--color', 'never', '--stdin-filename',
           function() return vim.api.nvim_buf_get_name(0) end, '-' },
  stream = 'stdout',
  ignore_exitcode = true, -- 1 means findings
  parser = parse,
}

lint.linters_by_ft.yaml = { 'kaudit' }
vim.api.nvim_create_autocmd({ 'BufWritePost', 'InsertLeave' }, {
  callback = function() lint.try_lint() end,
})
