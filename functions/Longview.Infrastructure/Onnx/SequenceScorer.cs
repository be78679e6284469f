using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace Longview.Infrastructure.Onnx;

/// <summary>
/// Runs the sequence model (<c>item_ids</c> int64 [1, len] -> <c>scores</c> float [1, items + 1]) for one user at a time.
/// Each concurrent caller borrows a worker that owns pinned input/output buffers and the OrtValues over them, so the
/// scoring path allocates nothing per request once the pool is warm.
/// </summary>
public sealed class SequenceScorer : IDisposable
{
    public const string InputName = "item_ids";
    public const string OutputName = "scores";

    private readonly InferenceSession _session;
    private readonly ConcurrentBag<Worker> _idle = [];
    private readonly ConcurrentBag<Worker> _all = [];

    public SequenceScorer(InferenceSession session, int maxLength, int width)
    {
        _session = session;
        MaxLength = maxLength;
        Width = width;
    }

    public int MaxLength { get; }

    /// <summary>Scores per row: vocabulary + padding.</summary>
    public int Width { get; }

    /// <summary>Scores the sequence (vocabulary indices, oldest first; longer than MaxLength keeps the newest).</summary>
    public void Score(ReadOnlySpan<int> sequence, Span<float> scores)
    {
        if (scores.Length < Width)
        {
            throw new ArgumentException($"scores holds {scores.Length} values, the model writes {Width}", nameof(scores));
        }
        if (sequence.Length > MaxLength)
        {
            sequence = sequence[^MaxLength..];
        }
        var worker = Rent();
        try
        {
            worker.Run(_session, sequence);
            worker.Output.AsSpan().CopyTo(scores);
        }
        finally
        {
            _idle.Add(worker);
        }
    }

    private Worker Rent()
    {
        if (_idle.TryTake(out var worker))
        {
            return worker;
        }
        worker = new Worker(MaxLength, Width);
        _all.Add(worker);
        return worker;
    }

    public void Dispose()
    {
        foreach (var worker in _all)
        {
            worker.Dispose();
        }
        _session.Dispose();
    }

    private sealed class Worker : IDisposable
    {
        private readonly long[] _input;
        // Per sequence length: an OrtValue over the tail of the same pinned input buffer (the model sees no padding)
        // and an IoBinding of it and the pinned output, so a run marshals nothing.
        private readonly OrtValue?[] _inputs;
        private readonly OrtIoBinding?[] _bindings;
        private readonly OrtValue _output;
        private readonly RunOptions _runOptions = new();

        public Worker(int maxLength, int width)
        {
            _input = new long[maxLength];
            _inputs = new OrtValue?[maxLength + 1];
            _bindings = new OrtIoBinding?[maxLength + 1];
            Output = new float[width];
            _output = OrtValue.CreateTensorValueFromMemory(Output, [1, width]);
        }

        public float[] Output { get; }

        public void Run(InferenceSession session, ReadOnlySpan<int> sequence)
        {
            var length = Math.Max(sequence.Length, 1);
            var start = _input.Length - length;
            if (sequence.Length == 0)
            {
                _input[start] = 0;
            }
            for (var i = 0; i < sequence.Length; i++)
            {
                _input[start + i] = sequence[i];
            }
            var binding = _bindings[length] ??= Bind(session, length, start);
            session.RunWithBinding(_runOptions, binding);
        }

        private OrtIoBinding Bind(InferenceSession session, int length, int start)
        {
            var input = _inputs[length] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(start, length), [1, length]);
            var binding = session.CreateIoBinding();
            binding.BindInput(InputName, input);
            binding.BindOutput(OutputName, _output);
            return binding;
        }

        public void Dispose()
        {
            foreach (var binding in _bindings)
            {
                binding?.Dispose();
            }
            foreach (var value in _inputs)
            {
                value?.Dispose();
            }
            _output.Dispose();
            _runOptions.Dispose();
        }
    }
}
