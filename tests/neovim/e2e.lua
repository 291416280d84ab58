-- Drives Neovim's built-in LSP client against perflint's server, as a user
-- would: diagnostics, "disable for this line" and a quick fix on a line with
-- non-ASCII text, hover, and fix-all from the code-action menu.
-- Run by tests/test_neovim.py: nvim --headless --clean -l e2e.lua PYTHON FILE OUT
local python, path, out = arg[1], arg[2], arg[3]
local results = {}
local function record(name, value) results[name] = value end

local function finish()
  local file = assert(io.open(out, "w"))
  file:write(vim.json.encode(results))
  file:close()
  vim.cmd("qall!")
end

local ok, err = xpcall(function()
  vim.cmd.edit(vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = "python"
  local logs = {}
  local client_id = vim.lsp.start({
    name = "perflint",
    cmd = { python, "-m", "perflint.lsp" },
    root_dir = vim.fs.dirname(path),
    -- Empty tables, which Neovim sends as [] (this once failed initialize);
    -- unsafe fixes come from the project's perflint.toml.
    init_options = { perflint = {} },
    settings = { perflint = {} },
    handlers = {
      ["window/logMessage"] = function(_, params) table.insert(logs, params.message) end,
    },
  })
  record("logs", logs)
  local client = assert(vim.lsp.get_client_by_id(client_id), "the server did not start")
  assert(vim.wait(30000, function() return client.initialized end, 20), "no answer to initialize")
  record("offset_encoding", client.offset_encoding)
  record("pull_offered", client.server_capabilities.diagnosticProvider ~= nil)

  local function text() return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n" end
  local function wait_for_diagnostics(count)
    return vim.wait(30000, function() return #vim.diagnostic.get(buf) == count end, 20)
  end
  local function apply_action(wanted)
    local tick = vim.api.nvim_buf_get_changedtick(buf)
    vim.lsp.buf.code_action({ filter = wanted, apply = true })
    return vim.wait(30000, function() return vim.api.nvim_buf_get_changedtick(buf) ~= tick end, 20)
  end

  -- Diagnostics: their columns must cover the finding's text in bytes.
  record("diagnostics_arrived", wait_for_diagnostics(3))
  local spans = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
    table.insert(spans, { code = d.code, lnum = d.lnum, text = line:sub(d.col + 1, d.end_col) })
  end
  table.sort(spans, function(a, b) return a.lnum < b.lnum end)
  record("spans", spans)

  -- "disable PFL102 for this line" on the non-ASCII line, then undo it.
  local row = spans[1].lnum
  vim.api.nvim_win_set_cursor(0, { row + 1, 0 })
  record("noqa_applied", apply_action(function(a) return a.title:find("disable PFL102", 1, true) ~= nil end))
  record("noqa_line", vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1])
  vim.cmd("silent undo")
  record("back_after_undo", wait_for_diagnostics(3))

  -- The finding's quick fix (PFL102: a set built once).
  vim.api.nvim_win_set_cursor(0, { row + 1, 0 })
  record("fix_applied", apply_action(function(a)
    return a.title:find("(PFL102)", 1, true) ~= nil and a.title:find("disable", 1, true) == nil
  end))
  record("after_fix", text())
  record("two_left", wait_for_diagnostics(2))

  -- Hover over a remaining finding shows its rule's documentation.
  local left = vim.diagnostic.get(buf)[1]
  vim.api.nvim_win_set_cursor(0, { left.lnum + 1, left.col })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 10000) or {}
  local hover = ""
  for _, answer in pairs(answers) do
    if answer.result then hover = answer.result.contents.value end
  end
  record("hover", hover)

  -- Fix-all from the menu: offered unresolved, resolved when chosen.
  record("fix_all_applied", apply_action(function(a) return a.kind == "source.fixAll.perflint" end))
  record("after_fix_all", text())
  record("none_left", wait_for_diagnostics(0))
end, debug.traceback)
if not ok then record("error", err) end
finish()
