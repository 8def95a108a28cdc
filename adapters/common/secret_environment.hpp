// Secrets (tokens, keys, passwords) come from the environment only, never from flags, which
// other users can read in the process list: either the variable itself or, for the secrets
// Docker and Kubernetes mount as files, a file named by the variable with "_FILE" appended.
#pragma once

#include <cstddef>
#include <string>

namespace adapters {

// The largest secret file read; a bigger one is a mistake (the wrong path), not a secret.
inline constexpr std::size_t kMaxSecretFileBytes = 64 * 1024;

// The value of `name`, or else the content of the file `name`_FILE names, without its
// trailing newline; empty when neither is set. Throws std::runtime_error naming the variable
// when both are set, or the file cannot be read, is empty or is larger than kMaxSecretFileBytes. The
// secret itself is never part of a message.
std::string secret_from_environment(const std::string& name);

// A setting that is no secret (an API's address, a public key): the variable's value, or empty.
std::string setting_from_environment(const char* name);

}  // namespace adapters
