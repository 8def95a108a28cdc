// The Entities value: merging and its JSON form (the contract's `entities` object).
#include <boost/json.hpp>

#include "intents/entities.hpp"

namespace intents {
namespace {

using OptionalField = std::optional<std::string> Entities::*;
constexpr std::pair<const char*, OptionalField> kTextFields[] = {
    {"level", &Entities::level},
    {"city", &Entities::city},
    {"certification", &Entities::certification},
    {"industry", &Entities::industry},
    {"company_type", &Entities::company_type},
    {"tool_category", &Entities::tool_category},
};
using ListField = std::vector<std::string> Entities::*;
constexpr std::pair<const char*, ListField> kListFields[] = {{"role", &Entities::role}, {"skill", &Entities::skill}};

}  // namespace

bool Entities::empty() const {
  if (experience_years) return false;
  for (const auto& [name, field] : kTextFields)
    if (this->*field) return false;
  for (const auto& [name, field] : kListFields)
    if (!(this->*field).empty()) return false;
  return true;
}

void Entities::fill_from(const Entities& older) {
  if (!experience_years) experience_years = older.experience_years;
  for (const auto& [name, field] : kTextFields)
    if (!(this->*field)) this->*field = older.*field;
  for (const auto& [name, field] : kListFields)
    if ((this->*field).empty()) this->*field = older.*field;
}

boost::json::object Entities::to_json() const {
  boost::json::object object;
  if (experience_years) {
    const double years = *experience_years;
    if (years == static_cast<double>(static_cast<long long>(years)))
      object["experience_years"] = static_cast<long long>(years);
    else
      object["experience_years"] = years;
  }
  for (const auto& [name, field] : kTextFields)
    if (this->*field) object[name] = *(this->*field);
  for (const auto& [name, field] : kListFields) {
    if ((this->*field).empty()) continue;
    boost::json::array values;
    for (const auto& value : this->*field) values.emplace_back(value);
    object[name] = std::move(values);
  }
  return object;
}

Entities Entities::from_json(const boost::json::object& object) {
  Entities entities;
  if (const auto* years = object.if_contains("experience_years"); years && years->is_number())
    entities.experience_years = years->to_number<double>();
  for (const auto& [name, field] : kTextFields)
    if (const auto* value = object.if_contains(name); value && value->is_string())
      entities.*field = std::string(value->get_string());
  for (const auto& [name, field] : kListFields)
    if (const auto* values = object.if_contains(name); values && values->is_array())
      for (const auto& value : values->get_array())
        if (value.is_string()) (entities.*field).emplace_back(value.get_string());
  return entities;
}

}  // namespace intents
