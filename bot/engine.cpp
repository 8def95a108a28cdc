#include "bot/engine.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "bot/answer_id.hpp"
#include "bot/confidence.hpp"
#include "bot/follow_up.hpp"
#include "bot/handlers/handler.hpp"
#include "bot/knowledge_labeler.hpp"
#include "bot/normalized_texts.hpp"
#include "bot/role_directory.hpp"
#include "bot/sentence_terms.hpp"
#include "bot/text_match.hpp"
#include "bot/text_format.hpp"
#include "intents/entities.hpp"
#include "intents/intent_classifier.hpp"
#include "intents/intent_catalogue.hpp"
#include "intents/matcher.hpp"
#include "intents/normalize.hpp"
#include "intents/question_focus.hpp"
#include "intents/spelling.hpp"
#include "intents/vocabulary.hpp"
#include "intents/word_set.hpp"
#include "knowledge/amounts.hpp"
#include "knowledge/database_file.hpp"
#include "knowledge/index_builder.hpp"
#include "knowledge/knowledge_base.hpp"

namespace bot {
namespace {

// The normalizer is where a question is cut to the engine's limit.
static_assert(intents::Normalizer::kMaxInputBytes == kMaxQuestionBytes);

// Below these coverages a search hit is not trusted to have understood the question.
constexpr double kExampleVoteCoverage = 0.6;
constexpr double kTopicCoverage = 0.5;
constexpr double kFallbackConfidence = 0.4;
constexpr double kFollowUpConfidence = 0.7;
// The person chose the intent from the options the bot asked back with.
constexpr double kChosenConfidence = 0.9;

std::filesystem::path from_env(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// "which tools do they use?": a question that speaks of the role the conversation is about.
bool refers_back(std::string_view normalized) {
  const std::string padded = " " + std::string(normalized) + " ";
  for (std::string_view words : {" they ", " them ", " their ", " this role ", " that role ", " the role ", " this job ",
                                 " that job ", " the job ", " those ", " these roles ", " such roles "})
    if (padded.find(words) != std::string::npos) return true;
  return false;
}

// "how does that compare with a data scientist?", "and how does it compare to DevOps?": the
// previous answer's subject set against a role the question names.
bool compares_previous(std::string_view normalized) {
  const std::string padded = " " + std::string(normalized) + " ";
  for (std::string_view words : {" that compare", " it compare", " this compare", " those compare", " compare that ",
                                 " compare it ", " compare this ", " compared to that", " compared with that"})
    if (padded.find(words) != std::string::npos) return true;
  return false;
}

// The answer that asks back: the question, and its options as quick replies (docs/answer.md).
void ask_back(const intents::AskBack& fork, Answer& answer) {
  answer.text = fork.question;
  boost::json::array options;
  for (const auto& option : fork.options) {
    options.push_back({{"intent", option.intent}, {"text", option.text}});
    answer.suggestions.push_back(option.text);
  }
  answer.data["clarify"] = {{"question", fork.question}, {"options", std::move(options)}};
}

}  // namespace

struct Engine::Impl {
  // Every intent of the data, with its handler and what the data says of it.
  struct Intent {
    Handler handler;
    intents::IntentTraits traits;
  };
  std::map<std::string, Intent, std::less<>> intents;
  intents::EngineIntents engine_intents;
  std::shared_ptr<const intents::Vocabulary> vocabulary;
  std::shared_ptr<const intents::Matcher> matcher;
  std::unique_ptr<intents::EntityExtractor> extractor;
  std::unique_ptr<intents::Normalizer> normalizer;
  std::shared_ptr<const intents::SpellingCorrector> speller;
  std::shared_ptr<const knowledge::KnowledgeBase> kb;
  std::unique_ptr<RoleDirectory> roles;
  std::unique_ptr<TextMatcher> text_matcher;
  std::unique_ptr<SentenceTerms> sentences;
  std::unique_ptr<NormalizedTexts> normalized_suggestions;
  std::unique_ptr<intents::IntentClassifier> classifier;

  // The handler of a declared intent, or nullptr (an empty name, or one saved by another version).
  Handler handler(std::string_view intent) const {
    const auto it = intents.find(intent);
    return it == intents.end() ? nullptr : it->second.handler;
  }

  // No traits for a name the data does not declare.
  const intents::IntentTraits& traits(std::string_view intent) const {
    static const intents::IntentTraits kNone;
    const auto it = intents.find(intent);
    return it == intents.end() ? kNone : it->second.traits;
  }

  struct Understanding {
    std::string intent;
    double confidence = 0;
    intents::Entities entities;
    std::string role;                         // the role the answer is about; may be empty
    std::vector<std::string> unknown_titles;  // titles the documents never name
    // The rules leave a fork between this intent and another (intents::AskBack): ask, don't guess.
    const intents::AskBack* ask_back = nullptr;
    double ask_back_score = 0, score = 0;
  };

  // Titles the vocabulary does not know: another name for a role of the documents ("security
  // analyst"), or a role they never name ("civil engineer"). A question that names no role may
  // still name one's field ("cybersecurity salaries").
  void read_titles(std::string_view normalized, Understanding& result) const {
    auto& named = result.entities.role;
    for (const auto& title : extractor->unknown_occupations(normalized)) {
      if (const auto role = roles->resolve_title(title); !role.empty()) {
        if (std::find(named.begin(), named.end(), role) == named.end()) named.push_back(role);
      } else {
        result.unknown_titles.push_back(title);
      }
    }
    if (named.empty() && result.unknown_titles.empty())
      if (auto role = roles->named_by_subject(normalized); !role.empty()) named.push_back(std::move(role));
  }

  // Salary words with a word neither the documents nor the vocabularies know ("plumber"):
  // the question is about something the documents do not cover.
  bool names_unknown_subject(std::string_view normalized, const intents::Entities& entities) const {
    if (!entities.role.empty()) return false;
    std::size_t i = 0;
    while (i < normalized.size()) {
      auto end = normalized.find(' ', i);
      if (end == std::string_view::npos) end = normalized.size();
      const auto word = normalized.substr(i, end - i);
      i = end + 1;
      if (word.size() < 3 || !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        continue;
      if (speller->is_known(word) || vocabulary->stopwords().contains(std::string(word))) continue;
      bool entity_word = false;
      for (const auto& [kind, entries] : vocabulary->kinds())
        if (vocabulary->is_entity_kind(kind) && !extractor->values(kind, word).empty()) entity_word = true;
      if (!entity_word) return true;
    }
    return false;
  }

  // "2-5 years": the level of the role's band that holds the span's middle, or the usual level
  // of such a span where the documents give none.
  void derive_level(intents::Entities& entities, const std::string& role) const {
    if (!entities.experience_range) return;
    const auto [from, to] = *entities.experience_range;
    entities.experience_range.reset();
    if (entities.level) return;
    const double middle = (from + to) / 2;
    for (const auto* figure : kb->facts().salaries_of(role))
      if (!figure->level.empty() && figure->holds_years(middle) && figure->city.empty() && figure->company_type.empty()) {
        entities.level = figure->level;
        return;
      }
    entities.level = knowledge::level_of_years({from, to});
  }

  // `chosen`: the intent the person picked from the options the bot asked back with; empty when
  // the question's own words decide.
  Understanding understand(const Conversation& conversation, const intents::Focus& focus,
                           const std::string& chosen = {}) const {
    const std::string& normalized = focus.normalized;
    Understanding result;
    bool asks_pay_unruled = false;
    // Whether the rules or the search decided the intent from the question's own words, so the
    // classifier's opinion weighs in; a follow-up's or a chosen option's words are not the whole question.
    bool own_words = false;
    result.entities = focus.entities;
    read_titles(normalized, result);
    // Roles the documents name (not the vocabularies) may change what the question asks.
    const auto classification = result.entities.role == focus.entities.role
                                    ? focus.classification
                                    : matcher->classify(normalized, result.entities);

    if (!chosen.empty()) {
      result.intent = chosen;
      result.confidence = kChosenConfidence;
    } else if (is_follow_up(traits(conversation.last_intent), classification, result.entities, matcher->min_score(),
                            matcher->follow_up_override())) {
      result.intent = conversation.last_intent;
      result.confidence = kFollowUpConfidence;
      // "and 9?" after a salary question: a bare number is years of experience.
      const auto& said = result.entities;
      if (traits(result.intent).pay && !said.experience_years && !said.level && !said.experience_range)
        result.entities.experience_years = extractor->lone_number(normalized);
      result.entities = carry_over(conversation, std::move(result.entities), traits(result.intent));
    } else if (classification.score >= matcher->min_score()) {
      result.intent = classification.intent;
      result.confidence = classification.confidence;
      result.ask_back = classification.ask_back;
      result.ask_back_score = classification.ask_back_score;
      result.score = classification.score;
      own_words = true;
      // "and their salary?" after entry-level responsibilities: a new question about the same
      // subject keeps what the conversation established.
      if (classification.follow_up_marker && traits(conversation.last_intent).topic && traits(result.intent).topic)
        result.entities = carry_over(conversation, std::move(result.entities), traits(result.intent));
    } else {
      result.intent = search_fallback(normalized);
      result.confidence = kFallbackConfidence;
      own_words = true;
      // "How much does a chef make per month?" reads as no rule's question, yet asks for pay.
      asks_pay_unruled = !extractor->values("pay_words", normalized).empty();
    }
    if (names_tool_group(normalized, result.intent)) result.intent = engine_intents.tool_group;
    if (compares_previous(normalized) && traits(conversation.last_intent).pay &&
        result.entities.role.size() == 1 && conversation.entities.role.size() == 1 &&
        conversation.entities.role.front() != result.entities.role.front()) {
      result.intent = engine_intents.compare;
      result.entities.role.insert(result.entities.role.begin(), conversation.entities.role.front());
    }
    if (result.entities.role.empty() && refers_back(normalized) && traits(result.intent).role)
      result.entities.role = conversation.entities.role;
    // A role the documents never name: honest out of scope, whatever the question asks of it.
    if ((traits(result.intent).role || asks_pay_unruled) && result.entities.role.empty() &&
        !result.unknown_titles.empty())
      result.intent = engine_intents.out_of_scope;
    if (traits(result.intent).pay && names_unknown_subject(normalized, result.entities))
      result.intent = engine_intents.out_of_scope;
    // A role the vocabulary knows but no document names ("MLOps engineer" beside data science
    // articles alone): as out of scope as a title the vocabulary does not know.
    if ((traits(result.intent).role || asks_pay_unruled) && result.entities.role.size() == 1 &&
        !documents_name(result.entities.role.front())) {
      result.unknown_titles.push_back(roles->label(result.entities.role.front()));
      result.entities.role.clear();
      result.intent = engine_intents.out_of_scope;
    }
    if (result.entities.role.empty() && result.unknown_titles.empty() && traits(result.intent).role) {
      // "Director of product management salary": a title only a figure's label names.
      std::string role = traits(result.intent).pay ? role_of_labelled_figure(normalized) : std::string();
      if (!role.empty()) result.entities.role.push_back(std::move(role));
      // "what does a director earn?" after product manager questions: the conversation's role.
      else if (conversation.entities.role.size() == 1 && traits(conversation.last_intent).role)
        result.entities.role = conversation.entities.role;
    }
    // "How important is Selenium in QA interviews?": a subject the rules hold no document covers
    // (interviews, courses) is covered where a document about the role asked has a section on it.
    if (result.intent == engine_intents.out_of_scope && result.intent == classification.intent &&
        result.entities.role.size() == 1 && result.unknown_titles.empty() &&
        extractor->values("pay_words", normalized).empty() && role_section_says(normalized, result.entities.role.front()))
      result.intent = engine_intents.topic;
    // "What do test analysts earn in the US?": pay abroad is out of scope unless the documents
    // state the role's pay in that country's currency.
    if (result.intent == engine_intents.out_of_scope && result.entities.role.size() == 1 && result.unknown_titles.empty())
      for (const auto& currency : extractor->values("pay_currency", normalized))
        for (const auto* figure : kb->facts().salaries_of(result.entities.role.front()))
          if (figure->currency == currency && !extractor->values("pay_words", normalized).empty())
            result.intent = engine_intents.estimate;
    // "How much does Amazon pay ML engineers?", or "and at Amazon?" after a pay answer: one
    // company's pay is out of scope by the rules, unless a figure of the role is labelled with the
    // company's name (pay by employer).
    if (result.intent == engine_intents.out_of_scope && result.entities.role.size() <= 1 && result.unknown_titles.empty()) {
      const bool follows_pay = traits(conversation.last_intent).pay && conversation.entities.role.size() == 1;
      const std::string role = !result.entities.role.empty() ? result.entities.role.front()
                               : follows_pay                 ? conversation.entities.role.front()
                                                             : roles->default_role();
      if ((follows_pay || !extractor->values("pay_words", normalized).empty()) && names_one_label(normalized, role)) {
        result.intent = engine_intents.estimate;
        if (result.entities.role.empty() && follows_pay) result.entities.role = conversation.entities.role;
      }
    }
    // A rule below overrode the intent (out of scope, a tool group...): the fork is not this question's.
    if (result.intent != classification.intent) result.ask_back = nullptr;
    // The classifier's second opinion on the intent decided, whichever rule decided it.
    if (own_words)
      result.confidence = calibrated_confidence(result.confidence, classifier->probability(normalized, result.intent),
                                                classifier->intents().size());
    result.role = result.entities.role.empty() ? roles->default_role() : result.entities.role.front();
    derive_level(result.entities, result.role);
    return result;
  }

  // Whether the question's words that no vocabulary knows (a company's name) are all words of
  // one label of `role`'s figures ("Amazon", "Tata Consultancy Services (TCS)").
  bool names_one_label(std::string_view normalized, const std::string& role) const {
    if (role.empty()) return false;
    std::string role_words;
    for (const auto& name : roles->names(role)) role_words += " " + name;
    role_words = " " + lower_words(roles->label(role) + role_words) + " ";
    std::vector<std::string> names;
    std::size_t i = 0;
    while (i < normalized.size()) {
      auto end = normalized.find(' ', i);
      if (end == std::string_view::npos) end = normalized.size();
      std::string word(normalized.substr(i, end - i));
      i = end + 1;
      if (word.size() < 3 || vocabulary->stopwords().contains(word)) continue;
      const std::string singular = word.back() == 's' ? word.substr(0, word.size() - 1) : word;
      if (role_words.find(" " + word + " ") != std::string::npos || role_words.find(" " + singular + " ") != std::string::npos)
        continue;
      const bool vocabulary_word = std::any_of(vocabulary->kinds().begin(), vocabulary->kinds().end(),
                                               [&](const auto& kind) { return !extractor->values(kind.first, word).empty(); });
      if (!vocabulary_word) names.push_back(std::move(word));
    }
    if (names.empty()) return false;
    std::string found;
    for (const auto* figure : kb->facts().salaries_of(role)) {
      const std::string label = " " + lower_words(figure->label) + " ";
      const bool holds_all = std::all_of(names.begin(), names.end(), [&](const std::string& name) {
        return label.find(" " + name + " ") != std::string::npos;
      });
      if (!holds_all) continue;
      if (!found.empty() && found != label) return false;  // two figures: the question does not say which
      found = label;
    }
    return !found.empty();
  }

  // Whether any document names `role`: in a title, heading or row, in running text, or with a figure.
  bool documents_name(const std::string& role) const {
    const auto& facts = kb->facts();
    return roles->known(role) || roles->has_figures(role) || !facts.passages_of(facts.mentions, "role:" + role).empty();
  }

  // Whether a document about `role` has a section whose title holds one of the question's words
  // (besides the role's names) and a sentence under it that holds two.
  bool role_section_says(std::string_view normalized, const std::string& role) const {
    constexpr int kMinWords = 2;
    auto terms = text_matcher->terms(normalized);
    std::string names = roles->label(role);
    for (const auto& name : roles->names(role)) names += " " + name;
    const auto named = text_matcher->terms(names);
    std::erase_if(terms, [&](const std::string& term) { return std::find(named.begin(), named.end(), term) != named.end(); });
    if (terms.size() < static_cast<std::size_t>(kMinWords)) return false;
    std::vector<std::uint64_t> bits;
    for (const auto& term : terms) bits.push_back(SentenceTerms::bit_of(term));
    for (const auto& [doc, doc_role] : kb->facts().document_roles) {
      if (doc_role != role) continue;
      for (int id : kb->document_passage_ids(doc))
        for (const auto& sentence : sentences->of(id)) {
          if (sentence.overlap(terms, bits) < kMinWords) continue;
          const auto passage = kb->passage(id);
          if (passage && text_matcher->overlap(terms, passage->section) > 0) return true;
        }
    }
    return false;
  }

  // The role of the pay figures whose labels hold two or more of the question's words, when
  // they are all one role's ("Director of product management salary"); else "".
  std::string role_of_labelled_figure(std::string_view normalized) const {
    const auto terms = text_matcher->terms(normalized);
    std::string found;
    for (const auto& figure : kb->facts().salaries) {
      if (figure.label.empty() || text_matcher->overlap(terms, figure.label) < 2) continue;
      if (!found.empty() && found != figure.role) return {};
      found = figure.role;
    }
    return found;
  }

  // "Which vector databases should I know?": a question that names one of the documents' tool
  // groups by its own words asks for those tools, however else it is phrased.
  bool names_tool_group(std::string_view normalized, const std::string& intent) const {
    // Not "what is CI/CD?": a definition question stays one even when a group bears the name.
    if (!traits(intent).yields_to_tool_group) return false;
    for (const auto& group : kb->facts().tools) {
      if (group.from_prose) continue;
      auto terms = text_matcher->terms(group.label);
      std::erase_if(terms, [](const std::string& term) { return term == "tool" || term == "technologi" || term == "other"; });
      if (terms.empty()) continue;
      const int held = text_matcher->overlap(terms, normalized);
      if (held == static_cast<int>(terms.size())) return true;
    }
    return false;
  }

  // No rule is confident: the indexed examples vote first, then the passages decide between a
  // topic the documents cover and one they do not.
  std::string search_fallback(const std::string& normalized) const {
    const auto examples = kb->search_examples(normalized, 1);
    if (!examples.empty() && examples.front().coverage() >= kExampleVoteCoverage) return examples.front().intent;
    const auto hits = kb->search(normalized, 1);
    if (!hits.empty() && hits.front().coverage() >= kTopicCoverage) return engine_intents.topic;
    return engine_intents.out_of_scope;
  }
};

EngineOptions EngineOptions::defaults() {
  EngineOptions options;
  options.corpus_dir = from_env("MLOPS_BOT_CORPUS", MLOPS_BOT_DEFAULT_CORPUS);
  options.intents_dir = from_env("MLOPS_BOT_INTENTS", MLOPS_BOT_DEFAULT_INTENTS);
  options.db_path = from_env("MLOPS_BOT_DB", MLOPS_BOT_DEFAULT_DB);
  options.dictionary = from_env("MLOPS_BOT_DICTIONARY", "/usr/share/dict/words");
  options.log = &std::cerr;
  return options;
}

std::shared_ptr<const Engine> Engine::open(const EngineOptions& options) {
  auto impl = std::make_unique<Impl>();
  const auto entities_file = options.intents_dir / "entities.json";
  const auto intents_file = options.intents_dir / "intents.json";
  impl->vocabulary = intents::Vocabulary::load(entities_file);
  impl->matcher = intents::Matcher::load(intents_file);
  const auto catalogue = intents::IntentCatalogue::load(intents_file);
  // An intent the rules can choose but no handler answers would fail at the first such question.
  for (const auto& intent : catalogue.names()) {
    const Handler handler = handler_for(intent);
    if (!handler)
      throw DataError(intents_file.string() + ": intent \"" + intent +
                      "\" has no handler; remove it or add its handler to bot/handlers/registry.cpp");
    impl->intents.emplace(intent, Impl::Intent{handler, *catalogue.traits(intent)});
  }
  impl->engine_intents = catalogue.engine_intents();
  // The reverse, a handler for an intent the data leaves out, is only a warning: nothing can
  // reach that handler (the rules, examples and engine_intents all name declared intents, and a
  // saved conversation's intent is checked at each turn), and leaving an intent out of the data
  // is how a deployment turns one off without a new build.
  if (options.log)
    for (const auto intent : handled_intents())
      if (!catalogue.traits(intent))
        *options.log << "mlops-bot: warning: " << intents_file.string() << " declares no intent \"" << intent
                     << "\": its handler in bot/handlers/registry.cpp is never used\n";

  // The index holds the intents' examples too, so they are part of what makes it current.
  auto inputs = knowledge::corpus_files(options.corpus_dir);
  if (inputs.empty()) throw std::runtime_error("no documents (.md, .txt, .html, .pdf) in " + options.corpus_dir.string());
  inputs.push_back(knowledge::file_status(intents_file));
  inputs.push_back(knowledge::file_status(entities_file));
  // Only the files changed since the last build are read (knowledge::stamp_files).
  auto stamps = knowledge::stamp_files(inputs, knowledge::stored_file_stamps(options.db_path));
  const std::string signature = knowledge::content_signature(stamps);
  const std::string stored = knowledge::KnowledgeBase::stored_signature(options.db_path);
  if (stored != signature || options.rebuild) {
    knowledge::require_writable_knowledge_base(options.db_path);  // a user's file is never replaced
    if (!options.rebuild_if_stale)
      throw std::runtime_error("the knowledge base " + options.db_path.string() +
                               (stored.empty() ? " is missing" : " is older than the corpus") + ": run `mlops-bot index`");
    if (options.log)
      *options.log << "mlops-bot: knowledge base " << (stored.empty() ? "missing" : "older than the corpus")
                   << ", building " << options.db_path.string() << "\n";
    // The index is labelled with the vocabularies alone: the questions' extractor, below, also
    // knows the roles the documents name (its patterns cost ~20M instructions to compile).
    const intents::Normalizer plain(impl->vocabulary, nullptr);
    const intents::EntityExtractor vocabulary_extractor(impl->vocabulary);
    KnowledgeLabeler labeler(plain, vocabulary_extractor);
    knowledge::IndexInput input{options.corpus_dir, {}, signature, std::move(stamps), role_lexicon(*impl->vocabulary),
                                options.index_progress};
    for (const auto& example : impl->matcher->examples()) input.examples.emplace_back(example.intent, example.text);
    knowledge::build_index(input, labeler, options.db_path);
  }

  knowledge::QueryVocabulary query_vocabulary;
  query_vocabulary.stopwords = impl->vocabulary->stopwords();
  query_vocabulary.synonyms = impl->vocabulary->search_synonyms();
  impl->kb = knowledge::KnowledgeBase::open(options.db_path, std::move(query_vocabulary));
  // The roles the documents name become words the entity extractor knows.
  std::set<std::string> vocabulary_roles;
  for (const auto& entry : impl->vocabulary->kinds().at("role")) vocabulary_roles.insert(entry.value);
  impl->roles = std::make_unique<RoleDirectory>(impl->kb->facts(), vocabulary_roles);
  // A question about a role a document is about, or pay at a kind of company the documents
  // give figures for, is in scope; the rules tell them from others.
  intents::Matcher::Coverage coverage;
  if (!impl->kb->facts().document_roles.empty()) coverage.subject_roles.clear();
  for (const auto& [document, role] : impl->kb->facts().document_roles) coverage.subject_roles.insert(role);
  for (const auto& figure : impl->kb->facts().salaries)
    if (!figure.company_type.empty()) coverage.company_types.insert(figure.company_type);
  impl->matcher = impl->matcher->with_coverage(std::move(coverage));
  impl->vocabulary = impl->vocabulary->with_entries("role", impl->roles->vocabulary_entries());
  impl->extractor = std::make_unique<intents::EntityExtractor>(impl->vocabulary);
  impl->text_matcher = std::make_unique<TextMatcher>(impl->vocabulary->stopwords(), impl->vocabulary->search_synonyms());
  impl->sentences = std::make_unique<SentenceTerms>(*impl->kb, *impl->text_matcher);

  // Typos are corrected towards the corpus's words and the domain lexicon.
  std::vector<std::string> targets = impl->kb->vocabulary();
  targets.insert(targets.end(), impl->vocabulary->lexicon().begin(), impl->vocabulary->lexicon().end());
  auto known = intents::WordSet::from_lines(impl->kb->rare_words(), 1);
  for (const auto& word : impl->vocabulary->stopwords()) known.insert(word);
  for (const auto& [word, rewrite] : impl->vocabulary->rewrites()) known.insert(word);
  for (const auto& [word, number] : impl->vocabulary->numbers()) known.insert(word);
  // Ordinary English words ("matter", "soft"), so that they are never "corrected". Shorter words
  // are never corrected, but an ordinary short word ("ones", "bank") must not read as a subject
  // the documents lack. No dictionary: only the corpus's own words are protected.
  intents::WordSet dictionary;
  if (!options.dictionary.empty()) dictionary = intents::WordSet::from_word_list(options.dictionary, 3);
  impl->speller = std::make_shared<intents::SpellingCorrector>(targets, std::move(known), std::move(dictionary));
  impl->normalizer = std::make_unique<intents::Normalizer>(impl->vocabulary, impl->speller);
  impl->normalized_suggestions =
      std::make_unique<NormalizedTexts>(*impl->normalizer, NormalizedTexts::kDefaultCapacity);
  // The second opinion learns the intents' examples, read as questions are.
  std::vector<intents::IntentClassifier::Sample> samples;
  for (const auto& example : impl->matcher->examples())
    samples.push_back({example.intent, (*impl->normalizer)(example.text), 1.0f});
  impl->classifier = std::make_unique<intents::IntentClassifier>(
      intents::IntentClassifier::train(impl->matcher->intent_names(), samples));
  return std::shared_ptr<const Engine>(new Engine(std::move(impl)));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Answer Engine::ask(Conversation& conversation, std::string_view text) const {
  // A long post is read for its main question (intents/question_focus.hpp); reads at most kMaxQuestionBytes.
  auto focus = intents::read_question(text, *impl_->normalizer, *impl_->extractor, *impl_->matcher);
  // A question asked back is answered by the next turn or not at all.
  const std::string asked_about = std::exchange(conversation.asked_about, {});
  const auto options = std::exchange(conversation.ask_back_options, {});
  std::string chosen;
  for (const auto& option : options)
    if (!focus.normalized.empty() && (*impl_->normalizer)(option.text) == focus.normalized) chosen = option.intent;
  // The chosen option answers the message asked about, with its words and entities.
  if (!chosen.empty() && impl_->handler(chosen))
    focus = intents::read_question(asked_about, *impl_->normalizer, *impl_->extractor, *impl_->matcher);
  else
    chosen.clear();
  const std::string& normalized = focus.normalized;
  Answer answer;
  ++conversation.turns;
  // A conversation saved by another version (a shared Redis) may name an intent that this one
  // does not answer: it cannot be continued.
  if (!impl_->handler(conversation.last_intent)) conversation.last_intent.clear();
  if (normalized.empty()) {
    answer = help();
    answer.text = "I didn't find a question in that. " + answer.text;
    return answer;
  }
  auto understood = impl_->understand(conversation, focus, chosen);
  if (understood.ask_back) {
    ask_back(*understood.ask_back, answer);
    answer.intent = understood.intent;
    // Two readings the rules hold about equally likely: the guess is worth about its share.
    answer.confidence = understood.score / (understood.score + understood.ask_back_score);
    answer.entities = understood.entities.to_json();
    answer.answer_id = new_answer_id();  // a question asked back is an answer too: feedback may name it
    conversation.asked_about = std::string(text.substr(0, kMaxQuestionBytes));
    conversation.ask_back_options = understood.ask_back->options;
    return answer;
  }
  const HandlerContext context{*impl_->kb,    *impl_->extractor,    understood.entities,
                               normalized,    *impl_->roles,        *impl_->text_matcher,
                               understood.role, understood.unknown_titles, *impl_->sentences};
  impl_->handler(understood.intent)(context, answer);
  // Handlers build sentences from parts ("a Senior-level Data Scientist earns ..."): a reply
  // starts with a capital.
  if (!answer.text.empty() && answer.text.front() >= 'a' && answer.text.front() <= 'z')
    answer.text.front() = static_cast<char>(answer.text.front() - 'a' + 'A');
  // A suggestion that is the question just asked, in other letters or spacing, offers nothing.
  std::erase_if(answer.suggestions, [&](const std::string& suggestion) {
    return impl_->normalized_suggestions->normalizes_to(suggestion, normalized);
  });
  answer.intent = understood.intent;
  answer.confidence = understood.confidence;
  answer.entities = understood.entities.to_json();
  answer.answer_id = new_answer_id();
  if (impl_->traits(understood.intent).topic) {
    conversation.last_intent = understood.intent;
    conversation.entities = std::move(understood.entities);
  }
  return answer;
}

Answer Engine::help() const {
  Answer answer;
  const intents::Entities none;
  const HandlerContext context{*impl_->kb,   *impl_->extractor,   none, "", *impl_->roles, *impl_->text_matcher,
                               impl_->roles->default_role(), {}, *impl_->sentences};
  answer.intent = impl_->engine_intents.help;
  impl_->handler(answer.intent)(context, answer);
  answer.confidence = 1.0;
  answer.answer_id = new_answer_id();
  return answer;
}

KnowledgeSummary Engine::knowledge_summary() const {
  const auto& kb = *impl_->kb;
  KnowledgeSummary summary;
  summary.documents = static_cast<int>(kb.document_count());
  summary.passages = static_cast<int>(kb.passage_count());
  summary.roles = static_cast<int>(kb.facts().roles.size());
  summary.salaries = static_cast<int>(kb.facts().salaries.size());
  summary.definitions = static_cast<int>(kb.facts().definitions.size());
  summary.percentages = static_cast<int>(kb.facts().percentages.size());
  summary.tool_groups = static_cast<int>(kb.facts().tools.size());
  return summary;
}

const knowledge::KnowledgeBase& Engine::knowledge() const { return *impl_->kb; }

std::string_view Engine::version() { return MLOPS_BOT_VERSION; }

}  // namespace bot
