// What the documents say about a city, industry or company type, for salary answers.
#pragma once

#include <string>

#include "bot/handlers/handler.hpp"

namespace bot {

// Appends to `answer.text` what the documents say about `value` of entity `kind`: the
// sentence that names it (preferring one about pay), cited; or, when they never name it,
// that they give no figure for it and what they say about the `factor` in general.
void describe_mention(const HandlerContext& ctx, Answer& answer, const std::string& kind, const std::string& value,
                      const std::string& factor);

}  // namespace bot
