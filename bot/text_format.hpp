// Small pieces of answer text shared by the handlers: money, names, citations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/answer.hpp"
#include "knowledge/knowledge_base.hpp"

namespace bot {

// "₹10–20 LPA", "₹40–60+ LPA", "₹11.5–25 LPA".
std::string lpa_range(double min_lpa, double max_lpa, bool open_ended = false);
std::string number_text(double value);  // "10", "11.5"

// "MLOps Engineer" for "mlops_engineer": the document's own label where it has one.
std::string role_name(const knowledge::Facts& facts, std::string_view role);
// "Bengaluru" for "bengaluru", "Delhi NCR" for "delhi_ncr".
std::string display_name(std::string_view canonical);

// A passage as a citation, its snippet cut at a sentence boundary.
Source source_of(const knowledge::Passage& passage);
void add_source(Answer& answer, const knowledge::KnowledgeBase& kb, int passage_id);

// The sentence of `text` that holds `needle` (case-insensitive), or the text cut to a sentence.
std::string sentence_with(std::string_view text, std::string_view needle);

// Document text as the vocabularies read questions: lower case, punctuation as spaces.
std::string lower_words(std::string_view text);

// Markdown list items ("- ...") of the given passages; items under a label keep "**Label:** ...".
std::string bullet_list(const knowledge::KnowledgeBase& kb, const std::vector<int>& passage_ids);

}  // namespace bot
