#include "bot/learning_recorder.hpp"

#include <memory>
#include <optional>
#include <stdexcept>

#include "bot/answer.hpp"
#include "bot/answer_id.hpp"
#include "bot/engine.hpp"

namespace bot {
namespace {

// `text` cut at `limit` bytes, at a UTF-8 character boundary.
std::string_view cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// [{"doc":…,"section":…},…], written out directly: building a JSON value only to serialize it
// cost the answering thread more than all the rest of the recording.
std::string sources_json(const Answer& answer) {
  std::size_t size = 2;
  for (const auto& source : answer.sources) size += source.doc.size() + source.section.size() + 24;
  std::string out;
  out.reserve(size);
  out += '[';
  for (const auto& source : answer.sources) {
    if (out.size() > 1) out += ',';
    out += R"({"doc":)";
    append_json_string(out, source.doc);
    out += R"(,"section":)";
    append_json_string(out, source.section);
    out += '}';
  }
  out += ']';
  return out;
}

Miss miss_of(const Answer& answer, double min_confidence) {
  if (answer.intent == "out_of_scope") return Miss::out_of_scope;
  if (answer.data.contains("clarify")) return Miss::clarify;
  if (answer.confidence < min_confidence) return Miss::low_confidence;
  return Miss::none;
}

}  // namespace

LearningRecorder::LearningRecorder(std::shared_ptr<LearningLog> store, LearningOptions options)
    : store_(std::move(store)), options_(options) {
  if (!store_) throw std::invalid_argument("a learning recorder needs a store");
  queue_.reserve(options_.batch);
  recent_.reserve(options_.recent_answers);
  writer_ = std::thread([this] { run(); });
}

LearningRecorder::~LearningRecorder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

void LearningRecorder::answered(Channel channel, std::string_view question, const Answer& answer,
                                std::chrono::nanoseconds took) {
  if (answer.answer_id.empty()) return;
  auto turn = std::make_shared<const AnsweredTurn>(
      AnsweredTurn{answer.answer_id, std::chrono::system_clock::now(), channel, answer.intent, answer.confidence,
                   std::chrono::duration_cast<std::chrono::microseconds>(took),
                   miss_of(answer, options_.min_confidence), std::string(cut(question, kMaxQuestionBytes)),
                   sources_json(answer)});
  // The store keeps an answer's question only when it is worth a look (or, shared by replicas,
  // briefly for feedback); the recent answers keep it in memory for a while, in case feedback comes.
  std::lock_guard lock(mutex_);
  remember(turn);
  enqueue(std::move(turn));
}

void LearningRecorder::remember(const SharedTurn& turn) {
  if (options_.recent_answers == 0) return;
  if (recent_order_.size() >= options_.recent_answers) {
    const auto& oldest = recent_order_.front();
    if (const auto found = recent_.find(oldest->answer_id); found != recent_.end() && found->second == oldest.get())
      recent_.erase(found);
    recent_order_.pop_front();
  }
  recent_order_.push_back(turn);
  recent_.insert_or_assign(turn->answer_id, turn.get());
}

FeedbackOutcome LearningRecorder::feedback(std::string_view answer_id, bool helpful, std::string_view comment) {
  std::optional<AnsweredTurn> turn;
  {
    std::lock_guard lock(mutex_);
    if (const auto found = recent_.find(answer_id); found != recent_.end()) turn = *found->second;
  }
  if (!turn && is_answer_id(answer_id)) {
    // Another replica may have given the answer; its store says (outside the mutex: a round trip).
    try {
      turn = store_->recent_answer(answer_id);
    } catch (const std::exception&) {
      std::lock_guard lock(mutex_);
      ++unavailable_;
      return FeedbackOutcome::dropped;
    }
  }
  if (!turn) return FeedbackOutcome::unknown_answer;
  Feedback verdict{turn->answer_id, std::chrono::system_clock::now(), helpful,
                   std::string(cut(comment, kMaxFeedbackCommentBytes))};
  std::lock_guard lock(mutex_);
  return enqueue(FeedbackEvent{std::move(*turn), std::move(verdict)}) ? FeedbackOutcome::recorded
                                                                      : FeedbackOutcome::dropped;
}

bool LearningRecorder::enqueue(LearningEvent event) {
  if (queue_.size() >= options_.queue_limit) {
    ++dropped_;
    return false;
  }
  queue_.push_back(std::move(event));
  ++queued_;
  if (queue_.size() >= options_.batch) wake_.notify_one();
  return true;
}

void LearningRecorder::flush() {
  std::unique_lock lock(mutex_);
  const auto target = queued_;
  flush_wanted_ = true;
  wake_.notify_one();
  written_.wait(lock, [&] { return done_ >= target; });
}

LearningCounters LearningRecorder::counters() const {
  std::lock_guard lock(mutex_);
  return {queued_, dropped_, done_ - write_errors_, write_errors_ + unavailable_};
}

void LearningRecorder::run() {
  auto next_prune = std::chrono::steady_clock::now();
  std::vector<LearningEvent> batch;
  batch.reserve(options_.batch);
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, options_.flush_interval,
                   [&] { return stopping_ || flush_wanted_ || queue_.size() >= options_.batch; });
    const bool stopping = stopping_;
    flush_wanted_ = false;
    batch.swap(queue_);
    lock.unlock();
    std::uint64_t lost = 0;
    if (!batch.empty()) {
      try {
        store_->write(batch);
      } catch (const std::exception&) {
        lost = batch.size();  // a full disk or a broken file: counted, and answering goes on
      }
    }
    if (const auto now = std::chrono::steady_clock::now(); now >= next_prune) {
      try {
        store_->prune(std::chrono::system_clock::now());
      } catch (const std::exception&) {
        // Tried again at the next interval.
      }
      next_prune = now + options_.prune_interval;
    }
    const auto count = batch.size();
    batch.clear();
    lock.lock();
    done_ += count;
    write_errors_ += lost;
    written_.notify_all();
    if (stopping && queue_.empty()) return;
  }
}

}  // namespace bot
