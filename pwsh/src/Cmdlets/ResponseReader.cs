using System.Linq;
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
            VersionStages = Enumerable.Range(0, (int)stageCount).Select(i => call.VersionStage((uint)i) ?? string.Empty).ToList(),
            ContentLength = call.Number(Interop.Interop.sm_call_content_length) ?? 0,
            HttpStatusCode = (HttpStatusCode)(call.Number(Interop.Interop.sm_call_http_status) ?? 0),
        };
        response.ResponseMetadata.RequestId = call.Text(Interop.Interop.sm_call_request_id);
        return response;
    }
}
