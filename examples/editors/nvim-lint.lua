-- kaudit for Neovim with nvim-lint (https://github.com/mfussenegger/nvim-lint).
local lint = require('lint')

lint.linters.kaudit = {
  cmd = 'kaudit',
  stdin = true,
  args = { '--quiet', '--color', 'never', '--stdin-filename',
           function() return vim.api.nvim_buf_get_name(0) end, '-' },
  stream = 'stdout',
  ignore_exitcode = true, -- 1 means findings
  parser = require('lint.parser').from_pattern(
    '^[^:]+:(%d+):(%d+): (%a+): (.*) %[([%w-]+)%]$',
    { 'lnum', 'col', 'severity', 'message', 'code' },
    { error = vim.diagnostic.severity.ERROR,
      warning = vim.diagnostic.severity.WARN,
      note = vim.diagnostic.severity.INFO },
    { source = 'kaudit' }),
}

lint.linters_by_ft.yaml = { 'kaudit' }
vim.api.nvim_create_autocmd({ 'BufWritePost', 'InsertLeave' }, {
  callback = function() lint.try_lint() end,
})
