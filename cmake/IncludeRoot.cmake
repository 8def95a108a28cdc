# mlops_include_root(TARGET FOLDER [PUBLIC_HEADERS header...])
#
# Gives TARGET an include root of its own, in the build tree, that holds FOLDER (a path from the
# repository root, such as adapters/slack) and nothing else: a symbolic link to the folder in the
# source tree. Includes keep their paths from the repository root (#include "adapters/slack/x.hpp"),
# but only TARGET and what links it can resolve them, so an include that breaks the layers (bot/
# including an adapter, Discord including Slack) does not compile. Nothing adds the repository root
# itself to a search path.
#
# With PUBLIC_HEADERS (file names in FOLDER), what links TARGET sees only those headers; TARGET's own
# sources, and the INTERFACE target TARGET_internals for the tests, see the whole folder.
function(mlops_include_root target folder)
  cmake_parse_arguments(PARSE_ARGV 2 ROOT "" "" "PUBLIC_HEADERS")
  get_target_property(type ${target} TYPE)
  set(scope PUBLIC)
  if(type STREQUAL "INTERFACE_LIBRARY")
    set(scope INTERFACE)
  elseif(type STREQUAL "EXECUTABLE")
    set(scope PRIVATE)
  endif()

  set(root ${PROJECT_BINARY_DIR}/include/${target})
  if(NOT ROOT_PUBLIC_HEADERS)
    _mlops_link_folder(${root} ${folder})
    target_include_directories(${target} ${scope} ${root})
    return()
  endif()

  set(internal_root ${PROJECT_BINARY_DIR}/include/${target}_internals)
  _mlops_link_folder(${internal_root} ${folder})
  file(MAKE_DIRECTORY ${root}/${folder})
  foreach(header ${ROOT_PUBLIC_HEADERS})
    if(NOT EXISTS ${PROJECT_SOURCE_DIR}/${folder}/${header})
      message(FATAL_ERROR "${target}: public header ${folder}/${header} does not exist")
    endif()
    if(NOT IS_SYMLINK ${root}/${folder}/${header})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder}/${header} ${root}/${folder}/${header} SYMBOLIC)
    endif()
  endforeach()
  # A header that is no longer public must not linger from an earlier configure.
  file(GLOB linked RELATIVE ${root}/${folder} ${root}/${folder}/*)
  foreach(header ${linked})
    if(NOT header IN_LIST ROOT_PUBLIC_HEADERS)
      file(REMOVE ${root}/${folder}/${header})
    endif()
  endforeach()
  # The whole folder first, so the target's own sources find every header through one path.
  target_include_directories(${target} PRIVATE ${internal_root} PUBLIC ${root})
  add_library(${target}_internals INTERFACE)
  target_include_directories(${target}_internals INTERFACE ${internal_root})
  target_link_libraries(${target}_internals INTERFACE ${target})
endfunction()

function(_mlops_link_folder root folder)
  get_filename_component(parent ${root}/${folder} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  if(NOT IS_SYMLINK ${root}/${folder})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${root}/${folder} SYMBOLIC)
  endif()
endfunction()
