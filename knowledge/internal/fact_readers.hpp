// The readers extract_facts() runs over the passages, one kind of fact each.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "knowledge/facts.hpp"

namespace knowledge {

// What every reader needs: the passages, the vocabulary labels and the corpus's roles.
struct FactSources {
  const std::vector<Passage>& passages;
  const std::map<std::string, std::string>& titles;  // document -> its title
  const Labeler& labeler;
  const RoleCatalog& roles;
  const Facts& facts;  // what earlier readers found (roles, section topics)
};

// Pay figures in tables of any orientation, label lines and sentences; the duties listed
// beside a band. Fills facts.salaries and facts.duties.
void read_salaries(const FactSources& sources, Facts& facts);

// Tool groups: catalogues ("1. Version Control", "### Vector databases", "IaC: Terraform,
// Pulumi"), lists in tools sections, and tools a sentence of a work section names.
void read_tools(const FactSources& sources, Facts& facts);

}  // namespace knowledge
