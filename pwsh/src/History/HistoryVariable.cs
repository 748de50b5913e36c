using System.Management.Automation;

namespace Amazon.PowerShell.Common;

/// <summary>
/// <c>$AWSHistory</c>, the global variable wrapping the process-wide history buffer. It exists from the moment
/// the module is imported, so that a script under <c>Set-StrictMode</c> can read it before its first call.
/// </summary>
internal static class HistoryVariable
{
    private const string Name = "AWSHistory";

    /// <summary>Creates the global variable unless a variable of that name is visible from <paramref name="variables"/>.</summary>
    internal static void Ensure(PSVariableIntrinsics variables)
    {
        if (variables.Get(Name) is null) variables.Set("global:" + Name, new PSObject(AWSCmdletHistoryBuffer.Instance));
    }
}

/// <summary>Runs when the module is imported, in the importing runspace.</summary>
public sealed class ModuleImport : IModuleAssemblyInitializer
{
    public void OnImport()
    {
        // Import-Module runs on the runspace's own thread, where a script block reaches the engine's global
        // session state (the runspace's SessionStateProxy refuses calls while a pipeline runs).
        if (ScriptBlock.Create("$ExecutionContext.SessionState.PSVariable").Invoke() is [{ BaseObject: PSVariableIntrinsics variables }])
        {
            HistoryVariable.Ensure(variables);
        }
    }
}
