using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// Tab completion for <c>-Region</c>: the system names of the public AWS regions, with their
/// display names as tool tips, as AWS Tools offers. A fixed list, because completion must not
/// load the native library or go to the network.
/// </summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    /// <summary>System name → display name of the AWS regions (commercial, China, GovCloud).</summary>
    internal static readonly IReadOnlyList<KeyValuePair<string, string>> Regions = new KeyValuePair<string, string>[]
    {
        new("af-south-1", "Africa (Cape Town)"),
        new("ap-east-1", "Asia Pacific (Hong Kong)"),
        new("ap-east-2", "Asia Pacific (Taipei)"),
        new("ap-northeast-1", "Asia Pacific (Tokyo)"),
        new("ap-northeast-2", "Asia Pacific (Seoul)"),
        new("ap-northeast-3", "Asia Pacific (Osaka)"),
        new("ap-south-1", "Asia Pacific (Mumbai)"),
        new("ap-south-2", "Asia Pacific (Hyderabad)"),
        new("ap-southeast-1", "Asia Pacific (Singapore)"),
        new("ap-southeast-2", "Asia Pacific (Sydney)"),
        new("ap-southeast-3", "Asia Pacific (Jakarta)"),
        new("ap-southeast-4", "Asia Pacific (Melbourne)"),
        new("ap-southeast-5", "Asia Pacific (Malaysia)"),
        new("ap-southeast-7", "Asia Pacific (Thailand)"),
        new("ca-central-1", "Canada (Central)"),
        new("ca-west-1", "Canada West (Calgary)"),
        new("cn-north-1", "China (Beijing)"),
        new("cn-northwest-1", "China (Ningxia)"),
        new("eu-central-1", "Europe (Frankfurt)"),
        new("eu-central-2", "Europe (Zurich)"),
        new("eu-north-1", "Europe (Stockholm)"),
        new("eu-south-1", "Europe (Milan)"),
        new("eu-south-2", "Europe (Spain)"),
        new("eu-west-1", "Europe (Ireland)"),
        new("eu-west-2", "Europe (London)"),
        new("eu-west-3", "Europe (Paris)"),
        new("il-central-1", "Israel (Tel Aviv)"),
        new("me-central-1", "Middle East (UAE)"),
        new("me-south-1", "Middle East (Bahrain)"),
        new("mx-central-1", "Mexico (Central)"),
        new("sa-east-1", "South America (Sao Paulo)"),
        new("us-east-1", "US East (N. Virginia)"),
        new("us-east-2", "US East (Ohio)"),
        new("us-gov-east-1", "AWS GovCloud (US-East)"),
        new("us-gov-west-1", "AWS GovCloud (US-West)"),
        new("us-west-1", "US West (N. California)"),
        new("us-west-2", "US West (Oregon)"),
    };

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.Trim('\'', '"');
        return Regions
            .Where(region => region.Key.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(region => new CompletionResult(region.Key, region.Key, CompletionResultType.ParameterValue, region.Value));
    }
}
