// The answer object of ../shared/CONTRACT.md, the one thing every adapter receives.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace bot {

struct Source {
  std::string doc;      // document id: the corpus file name without its extension
  std::string section;  // the section title the passage stands under
  std::string snippet;  // the passage text, cut at a sentence boundary
};

struct Answer {
  std::string intent;        // one of the contract's intent names
  double confidence = 0.0;   // in [0, 1]
  boost::json::object entities;
  std::string text;          // Markdown: **bold**, "- " lists, "|" tables
  boost::json::object data;  // per intent, see the contract
  std::vector<Source> sources;
  std::vector<std::string> suggestions;
};

// The contract's JSON object: intent{name, confidence}, entities, text, data, sources, suggestions,
// after the members `head` already has (the server's frames put "type" and "id" first).
// Takes the answer by value so that a caller done with it can move its JSON in without a copy.
boost::json::object to_json(Answer answer, boost::json::object head = {});

}  // namespace bot
