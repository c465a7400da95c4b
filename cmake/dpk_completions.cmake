# Shell completions for dpk and every dpk-NAME, generated after each build by
# `dpk completion bash|zsh|fish` (from the same declarations as --help and the
# man pages) into build/completions/, and installed where bash-completion,
# zsh and fish look for them. bash-completion and fish load a command's file
# by the command's name, so each dpk-NAME gets a link to dpk's file; zsh reads
# the one #compdef file that names them all. Included from bin/CMakeLists.txt
# (needs the dpk-driver target and the list of transforms in `names`).
set(_dpk_completions ${CMAKE_BINARY_DIR}/completions)
add_custom_command(TARGET dpk-driver POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_dpk_completions}/bash ${_dpk_completions}/zsh ${_dpk_completions}/fish
  COMMAND sh -c "\"$1\" completion bash > \"$2\"/bash/dpk && \"$1\" completion zsh > \"$2\"/zsh/_dpk && \"$1\" completion fish > \"$2\"/fish/dpk.fish"
          dpk-completions $<TARGET_FILE:dpk-driver> ${_dpk_completions}
  VERBATIM)

install(FILES ${_dpk_completions}/bash/dpk DESTINATION share/bash-completion/completions)
install(FILES ${_dpk_completions}/zsh/_dpk DESTINATION share/zsh/vendor-completions)
install(FILES ${_dpk_completions}/fish/dpk.fish DESTINATION share/fish/vendor_completions.d)
foreach(n ${names})
  install(CODE "set(dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/share\")
    message(STATUS \"Installing: \${dir}/{bash-completion/completions,fish/vendor_completions.d}/dpk-${n}\")
    file(CREATE_LINK dpk \"\${dir}/bash-completion/completions/dpk-${n}\" SYMBOLIC)
    file(CREATE_LINK dpk.fish \"\${dir}/fish/vendor_completions.d/dpk-${n}.fish\" SYMBOLIC)")
endforeach()
