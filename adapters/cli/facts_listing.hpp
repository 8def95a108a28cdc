// What the engine learned from the documents, for `mlops-bot facts` and `mlops-bot index`: the
// roles, every pay figure with what it is for and where it stands, tools, percentages and
// definitions, and per document how many of each.
#pragma once

#include <boost/json/object.hpp>

#include "bot/engine.hpp"

namespace cli {

// {"roles": [...], "salaries": [...], "tools": [...], "percentages": [...], "definitions": [...],
//  "documents": {doc: {"role", "salaries", "tool_groups", "percentages", "definitions"}}}.
// Every fact carries its source: {"doc", "section", "quote"}.
boost::json::object facts_listing(const bot::Engine& engine);

}  // namespace cli
