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

}  // namespace knowledge
