// The answer_id every answer object carries (docs/answer.md): feedback names an answer by it.
#pragma once

#include <string>
#include <string_view>

namespace bot {

// "a-" and 32 hex digits: 128 random bits, so ids made by any number of replicas without
// coordination do not collide (the chance is about n²/2¹²⁹). Thread-safe: one generator per
// thread, seeded from the operating system. Not a secret: feedback also needs the answer to be
// one the server remembers.
std::string new_answer_id();

// Whether `id` has new_answer_id()'s form; anything else cannot name an answer.
bool is_answer_id(std::string_view id);

}  // namespace bot
