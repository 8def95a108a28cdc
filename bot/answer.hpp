// The answer object of docs/answer.md, the one thing every adapter receives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

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
  std::string answer_id;  // bot/answer_id.hpp; set by the engine, unique across replicas
};

// The contract's JSON object: intent{name, confidence}, entities, text, data, sources, suggestions,
// answer_id (left out when empty),
// after the members `head` already has (the server's frames put "type" and "id" first).
// Numbers are stored as people read them: the confidence rounded to three decimals, and every
// whole number in entities and data as an integer (10, not 10.0).
// Takes the answer by value so that a caller done with it can move its JSON in without a copy.
boost::json::object to_json(Answer answer, boost::json::object head = {});

// The JSON text of `value` on one line: boost::json::serialize's, except that a non-integer
// number is written in its shortest plain form (0.773, 6.5) where Boost.JSON 1.81 writes
// 7.73E-1 and 6.5E0. Every adapter that sends an answer object serializes it with this.
std::string serialize(const boost::json::object& object);  // no copy into a json::value
std::string serialize(const boost::json::value& value);

// Appends `text` to `out` as a JSON string, quoted and escaped as serialize() writes strings.
void append_json_string(std::string& out, std::string_view text);

}  // namespace bot
