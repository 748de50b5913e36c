using System.Management.Automation;

namespace SecretsManager.Native.Cmdlets;

/// <summary>
/// Writes a shell variable as AWS Tools does: unqualified (the caller's current scope), or prefixed with
/// -Scope (Global, Local, Script, Private).
/// </summary>
internal static class ShellScope
{
    internal static void Set(PSCmdlet cmdlet, string name, object? value, string? scope) =>
        cmdlet.SessionState.PSVariable.Set(string.IsNullOrEmpty(scope) ? name : $"{scope}:{name}", value);
}
