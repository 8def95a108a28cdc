#include "knowledge/passage.hpp"

namespace knowledge {

const char* to_string(PassageKind kind) {
  switch (kind) {
    case PassageKind::item: return "item";
    case PassageKind::table_row: return "table_row";
    case PassageKind::paragraph: break;
  }
  return "paragraph";
}

PassageKind passage_kind_from(std::string_view name) {
  if (name == "item") return PassageKind::item;
  if (name == "table_row") return PassageKind::table_row;
  return PassageKind::paragraph;
}

std::string heading_key(std::string_view title) {
  while (!title.empty() && (title.back() == '?' || title.back() == ' ' || title.back() == ':')) title.remove_suffix(1);
  std::string key(title);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

}  // namespace knowledge
