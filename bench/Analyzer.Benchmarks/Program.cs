using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Extls.Benchmarks;

// In process (no generated project to build per job) and a short job (one launch, one warm-up, three measured
// iterations): a 1,000-server analysis takes long enough that a few iterations say what matters, and the machines
// this runs on have two cores. Command-line options (--filter, --iterationCount, --warmupCount …) still override.
var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        // A 1,000-server console report takes minutes per invocation at the moment; the in-process default gives up after five.
        .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(3), logOutput: true))
        .WithId("short-in-process"))
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args, config);
