using System.Collections.Generic;
using System.Net;
using Amazon.SecretsManager.Model;
using SecretsManager.Native.Interop;

namespace SecretsManager.Native.Cmdlets;

/// <summary>Builds the response object from what a successful native call left.</summary>
internal static class ResponseReader
{
    public static PutSecretValueResponse PutSecretValue(NativeCall call)
    {
        var stageCount = call.Number(Interop.Interop.sm_call_version_stage_count) ?? 0;
        var response = new PutSecretValueResponse
        {
            ARN = call.Text(Interop.Interop.sm_call_arn),
            Name = call.Text(Interop.Interop.sm_call_name),
            VersionId = call.Text(Interop.Interop.sm_call_version_id),
            VersionStages = VersionStages(call, (int)stageCount),
            ContentLength = call.Number(Interop.Interop.sm_call_content_length) ?? 0,
            HttpStatusCode = (HttpStatusCode)(call.Number(Interop.Interop.sm_call_http_status) ?? 0),
        };
        response.ResponseMetadata.RequestId = call.Text(Interop.Interop.sm_call_request_id);
        return response;
    }

    // A plain loop: Enumerable.Range(...).Select(...) would JIT-compile LINQ's int iterators on the first call.
    private static List<string> VersionStages(NativeCall call, int count)
    {
        var stages = new List<string>(count);
        for (var i = 0; i < count; i++) stages.Add(call.VersionStage((uint)i) ?? string.Empty);
        return stages;
    }
}
