-- local test rules (no network): a word in the Subject decides the action, as a site's own rules would
local function subject_has(word, score, desc)
  return { callback = function(task)
      local s = task:get_header('Subject') or ''
      return s:find(word, 1, true) ~= nil
    end, score = score, description = desc, group = 'local' }
end
rspamd_config.LOCAL_BAD_SUBJECT = subject_has('Cheap watches', 20, 'known spam campaign subject')
rspamd_config.LOCAL_SUSPECT_SUBJECT = subject_has('Crypto opportunity', 8, 'suspicious subject')
rspamd_config.LOCAL_GREY_SUBJECT = subject_has('Limited offer', 5, 'greylist-worthy subject')
