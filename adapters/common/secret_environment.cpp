#include "adapters/common/secret_environment.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace adapters {

std::string secret_from_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  const std::string file_variable = name + "_FILE";
  const char* path = std::getenv(file_variable.c_str());
  const bool has_value = value && *value;
  const bool has_path = path && *path;
  if (has_value && has_path) throw std::runtime_error("set " + name + " or " + file_variable + ", not both");
  if (has_value) return value;
  if (!has_path) return {};

  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(file_variable + ": cannot read " + path + ": " + std::strerror(errno));
  std::string secret;
  secret.resize(kMaxSecretFileBytes + 1);
  in.read(secret.data(), static_cast<std::streamsize>(secret.size()));
  if (in.bad()) throw std::runtime_error(file_variable + ": cannot read " + path);
  secret.resize(static_cast<std::size_t>(in.gcount()));
  if (secret.size() > kMaxSecretFileBytes)
    throw std::runtime_error(file_variable + ": " + path + " is larger than " + std::to_string(kMaxSecretFileBytes) +
                             " bytes");
  // Files written by `echo` or an editor end with a newline that is not part of the secret.
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) throw std::runtime_error(file_variable + ": " + path + " is empty");
  return secret;
}

std::string setting_from_environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace adapters
