# Built by scripts/build-native.mjs (node-gyp rebuild). Node-API 8 only, so one build serves every Node and
# Electron release that has it: no rebuild against Electron's headers is needed.
{
  'targets': [
    {
      'target_name': 'tunebench_cpu',
      'sources': [
        'src/addon.cc',
        'src/gemm.cc',
        'src/gemm_driver.cc',
        'src/gemm_kernels.cc',
        'src/stream.cc',
        'src/latency.cc',
        'src/hash.cc',
      ],
      'dependencies': ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
      'defines': ['NAPI_VERSION=8'],
      # No -march: the build must run on any x86-64 (or other) CPU. ISA-specific code is compiled per function
      # with target attributes and chosen at run time (gemm_kernels.cc).
      'cflags_cc': ['-O3', '-std=c++17', '-Wall', '-Wextra'],
      'cflags_cc!': ['-O2', '-std=gnu++17', '-std=gnu++20', '-std=c++20'],
      'ldflags': ['-pthread'],
      'xcode_settings': {
        'GCC_ENABLE_CPP_EXCEPTIONS': 'YES',
        'OTHER_CPLUSPLUSFLAGS': ['-O3', '-std=c++17'],
      },
      'msvs_settings': {'VCCLCompilerTool': {'ExceptionHandling': 1}},
    },
  ],
  'conditions': [
    [
      'OS!="win"',
      {
        'targets': [
          {
            # Standalone command timer (fork + execvp + wait4, POSIX only): no Node inside, so its overhead is
            # the OS's alone.
            'target_name': 'tb-exec',
            'type': 'executable',
            'sources': ['src/tb-exec.c'],
            'cflags_c': ['-O2', '-std=c11', '-Wall', '-Wextra'],
          },
        ],
      },
    ],
  ],
}
