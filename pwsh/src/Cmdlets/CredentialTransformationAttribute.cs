using System;
using System.Management.Automation;
using Amazon.Runtime;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// Lets <c>-Credential</c> take, besides this module's credential objects, any object whose <c>GetCredentials()</c>
/// returns AccessKey, SecretKey and Token (such as the AWS SDK's own <c>AWSCredentials</c>, a different type of the
/// same name): it becomes the shell's credential object (<see cref="CredentialFactory.FromObject"/>: the AWS SDK's
/// kept and asked for each record, a PowerShell object's keys copied). Any other value, or an object that gives no
/// keys, is left as it is, so that PowerShell's own conversion refuses it: by name with an error naming the
/// parameter, and from the pipeline silently, leaving the piped value to the other parameters. An object whose
/// GetCredentials() fails is a binding error naming the parameter and giving the object's reason.
/// Public because Pester's Mock copies the attribute into the mock.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class CredentialTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        // Piped text and numbers reach here too (every piped value is offered to -Credential): skip them cheaply.
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null or AWSCredentials or string or ValueType) return inputData;
        try
        {
            // A copy asks the object once; a kept AWS SDK object is asked once here too, so that a bad one fails at
            // binding, then again for each record, as AWS Tools uses it, so that one that refreshes goes on doing so.
            var credentials = CredentialFactory.FromObject(inputData!);
            return credentials?.CurrentKeys() is { AccessKey: not null } ? credentials : inputData;
        }
        catch (InvalidOperationException failure)
        {
            // PowerShell's binding error names -Credential and carries this reason, instead of "cannot convert".
            throw new ArgumentTransformationMetadataException(
                FailureRecords.CredentialObjectText(FailureRecords.GetCredentialsThrew(failure)), failure);
        }
    }
}
