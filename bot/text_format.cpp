#include "bot/text_format.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "knowledge/sentences.hpp"

namespace bot {
namespace {

constexpr std::size_t kMaxSnippet = 280;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Cuts `text` after the last sentence end within `limit` bytes, or at a word boundary.
std::string cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  auto end = text.substr(0, limit).rfind(". ");
  if (end == std::string_view::npos || end < limit / 3) end = text.substr(0, limit).rfind(' ');
  if (end == std::string_view::npos) end = limit;
  return std::string(text.substr(0, end + 1)) + "…";
}

}  // namespace

std::string number_text(double value) {
  // std::to_chars rather than snprintf: no locale, and a tenth of the cost on every answer.
  char buffer[32];
  const int decimals = std::fabs(value - std::round(value)) < 1e-9 ? 0 : 1;
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals).ptr;
  return std::string(buffer, end);
}

std::string lpa_range(double min_lpa, double max_lpa, bool open_ended) {
  std::string text = "₹";
  text.reserve(32);
  text.append(number_text(min_lpa)).append("–").append(number_text(max_lpa));
  if (open_ended) text += '+';
  text.append(" LPA");
  return text;
}

std::string role_name(const knowledge::Facts& facts, std::string_view role) {
  if (const auto* range = facts.role(role)) return range->label;
  return display_name(role);
}

std::string display_name(std::string_view canonical) {
  if (canonical == "delhi_ncr") return "Delhi NCR";
  if (canonical == "mnc") return "MNCs";
  if (canonical == "big_tech") return "Big Tech";
  if (canonical == "ai_startup") return "AI startups";
  if (canonical == "ecommerce") return "e-commerce";
  if (canonical == "saas" || canonical == "bfsi" || canonical == "cka" || canonical == "ckad") {
    std::string upper(canonical);
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
  }
  if (canonical == "aws_ml") return "AWS Certified Machine Learning";
  if (canonical == "gcp_ml") return "Google Professional ML Engineer";
  if (canonical == "azure_ai") return "Azure AI Engineer";
  if (canonical == "devops") return "a DevOps certification";
  std::string name(canonical);
  for (auto& c : name)
    if (c == '_') c = ' ';
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

Source source_of(const knowledge::Passage& passage) {
  std::string snippet = passage.group.empty() ? passage.text : passage.group + ": " + passage.text;
  return {passage.doc, passage.section, cut(snippet, kMaxSnippet)};
}

void add_source(Answer& answer, const knowledge::KnowledgeBase& kb, int passage_id) {
  const auto passage = kb.passage(passage_id);
  if (!passage) return;
  auto source = source_of(*passage);
  for (const auto& existing : answer.sources)
    if (existing.section == source.section && existing.snippet == source.snippet) return;
  answer.sources.push_back(std::move(source));
}

std::string sentence_with(std::string_view text, std::string_view needle) {
  const auto at = lower(text).find(lower(needle));
  if (at == std::string::npos) return cut(text, kMaxSnippet);
  // The documents' sentences as the facts were read from them: "Rs. 1,70,000" ends none.
  for (const auto sentence : knowledge::sentences_of(text))
    if (static_cast<std::size_t>(sentence.data() + sentence.size() - text.data()) > at) return cut(sentence, kMaxSnippet);
  return cut(text, kMaxSnippet);
}

std::string lower_words(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const bool kept = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '+' ||
                      c == '&' || c == '.' || c == '%' || static_cast<unsigned char>(c) >= 0x80;
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (kept) out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  return out;
}

std::string bullet_list(const knowledge::KnowledgeBase& kb, const std::vector<int>& passage_ids) {
  std::string out;
  for (int id : passage_ids) {
    const auto passage = kb.passage(id);
    if (!passage) continue;
    std::string_view text = passage->text;
    // "Programming: Python, Shell scripting" reads better with its label in bold.
    if (const auto colon = text.find(": "); colon != std::string_view::npos && colon < 48)
      out += "- **" + std::string(text.substr(0, colon)) + ":** " + std::string(text.substr(colon + 2)) + "\n";
    else
      out += "- " + std::string(text) + "\n";
  }
  return out;
}

}  // namespace bot
