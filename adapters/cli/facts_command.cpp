// `mlops-bot facts [--role ROLE] [--json]`: what the bot read out of the documents — roles, pay
// figures with what each is for and where it stands, tools, percentages, definitions — so a team
// can check what it learned from their files.
#include <iostream>

#include <boost/json.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/cli/facts_listing.hpp"
#include "bot/answer.hpp"

namespace po = boost::program_options;

namespace cli {
namespace {

std::string text(const boost::json::value& value) {
  if (value.is_string()) return std::string(value.as_string());
  if (value.is_null()) return {};
  return bot::serialize(value);
}

std::string field(const boost::json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value ? text(*value) : std::string();
}

// "entry, 0–2 years, Bengaluru": what a figure is for, as stated.
std::string stated_for(const boost::json::object& figure) {
  std::string out;
  auto add = [&](const std::string& part) {
    if (!part.empty()) out += (out.empty() ? "" : ", ") + part;
  };
  add(field(figure, "level"));
  if (figure.contains("years_from"))
    add(field(figure, "years_from") + (figure.contains("years_to") ? "–" + field(figure, "years_to") : "+") + " years");
  add(field(figure, "city"));
  add(field(figure, "company_type"));
  add(field(figure, "industry"));
  if (figure.contains("overall")) add("across levels");
  return out.empty() ? "-" : out;
}

std::string where(const boost::json::object& entry) {
  const auto& source = entry.at("source").as_object();
  return field(source, "doc") + " › " + field(source, "section");
}

bool of_role(const boost::json::object& entry, const std::string& role) { return role.empty() || field(entry, "role") == role; }

std::string joined(const boost::json::array& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : ", ") + text(value);
  return out;
}

// "18–22%", or "9.8%" when the document states one value.
std::string percent(const boost::json::object& percentage) {
  const auto low = field(percentage, "low"), high = field(percentage, "high");
  return (low == high ? low : low + "–" + high) + "%";
}

bool role_is_known(const boost::json::object& listing, const std::string& role) {
  for (const auto& each : listing.at("roles").as_array())
    if (field(each.as_object(), "id") == role) return true;
  return false;
}

}  // namespace

int run_facts(Args args) {
  po::options_description description("facts options");
  add_engine_options(description);
  description.add_options()("role", po::value<std::string>()->default_value(""), "only this role's facts (its id)")(
      "json", "print the listing as one JSON object");
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot facts [--role ROLE] [--json] [--corpus DIR] [--db FILE]", description, {},
                          values, exit_code))
    return exit_code;
  const auto engine = bot::Engine::open(engine_options_from(values));
  const auto listing = cli::facts_listing(*engine);
  if (values.count("json")) {
    std::cout << bot::serialize(listing) << "\n";
    return 0;
  }
  const std::string role = values["role"].as<std::string>();
  if (!role.empty() && !role_is_known(listing, role)) {
    std::string known;
    for (const auto& each : listing.at("roles").as_array()) known += " " + field(each.as_object(), "id");
    std::cerr << "mlops-bot facts: the documents name no role \"" << role << "\"; they name:" << known << "\n";
    return 1;
  }
  std::cout << "Roles\n";
  for (const auto& each : listing.at("roles").as_array()) {
    const auto& entry = each.as_object();
    if (!of_role(entry, role) && field(entry, "id") != role) continue;
    std::cout << "  " << field(entry, "id") << " — " << field(entry, "label") << ": " << field(entry, "salary_figures")
              << " pay figures; also called " << joined(entry.at("aliases").as_array()) << "\n";
  }
  std::cout << "\nPay figures\n";
  for (const auto& each : listing.at("salaries").as_array()) {
    const auto& figure = each.as_object();
    if (!of_role(figure, role)) continue;
    std::cout << "  " << field(figure, "role") << " | " << stated_for(figure) << " | " << field(figure, "amount")
              << " | " << where(figure) << "\n      “" << field(figure.at("source").as_object(), "quote") << "”\n";
  }
  std::cout << "\nTools\n";
  for (const auto& each : listing.at("tools").as_array()) {
    const auto& group = each.as_object();
    if (!of_role(group, role)) continue;
    const auto names = joined(group.at("tools").as_array());
    std::cout << "  " << field(group, "role") << " | " << field(group, "label")
              << (group.contains("from_prose") ? " (named in running text)" : "") << ": " << names << "\n";
  }
  std::cout << "\nPercentages\n";
  for (const auto& each : listing.at("percentages").as_array()) {
    const auto& percentage = each.as_object();
    if (!of_role(percentage, role)) continue;
    std::cout << "  " << field(percentage, "role") << " | " << percent(percentage) << " | “" << field(percentage.at("source").as_object(), "quote") << "”\n";
  }
  if (role.empty()) {
    std::cout << "\nDefinitions\n";
    for (const auto& each : listing.at("definitions").as_array())
      std::cout << "  " << field(each.as_object(), "subject") << " | " << where(each.as_object()) << "\n";
  }
  return 0;
}

}  // namespace cli
