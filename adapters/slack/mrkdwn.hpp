// The engine's Markdown (docs/answer.md: **bold**, "- " lists, "|" tables) as Slack
// mrkdwn (api.slack.com/reference/surfaces/formatting).
#pragma once

#include <string>
#include <string_view>

namespace adapters::slack {

// Escapes the three characters Slack reserves for its own markup: & < >.
std::string escape_mrkdwn(std::string_view text);

// Converts Markdown to mrkdwn, escaping all text: **x** and __x__ → *x*, *x* → _x_, ~~x~~ → ~x~,
// [label](url) → <url|label>, "# heading" → *heading*, "-"/"*"/"+" list items → "•", tables →
// a ``` block with aligned columns; `code` and ``` blocks are kept (escaped, not converted).
std::string to_mrkdwn(std::string_view markdown);

}  // namespace adapters::slack
