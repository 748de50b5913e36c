# Sample references for tests/pwsh/Docs.Tests.ps1: a small repository of its own, text that resolves in it, and
# one broken reference of each kind. Deliberately broken, so the scan of the real repository leaves this file out.
@{
    Pages    = @{
        'docs/aws-tools-behaviour.md' = @'
# Behaviour
## 2. Chains
### 2.3 The credential chain
## 4. Output
'@
        'docs/notes.md'               = @'
# Notes
### §4 Output
See [the chain](aws-tools-behaviour.md#23-the-credential-chain) and [above](#notes).
'@
    }
    # Written next to the sample repository, not inside it.
    Outside  = 'outside.md'
    Resolving = '// docs/notes.md#notes, docs/aws-tools-behaviour.md §2.3, §2, docs/notes.md §4, notes.md, https://example.com/x.md'
    Broken   = @(
        @{ Case = 'a missing page'; Text = '// see docs/gone.md'; Why = 'docs/gone.md: no such file' }
        @{ Case = 'a missing anchor'; Text = '// see docs/notes.md#gone'; Why = 'docs/notes.md#gone: no heading with that anchor' }
        @{ Case = 'a missing anchor of the same page'; Text = '[here](#gone)'; Why = '](#gone): no heading with that anchor here' }
        @{ Case = 'a missing section'; Text = '// the chain (§2.4)'; Why = '§2.4: no section 2.4 in aws-tools-behaviour.md' }
        @{ Case = 'a section missing from the page named before it'; Text = '// docs/notes.md §2.3'; Why = 'docs/notes.md §2.3: no section 2.3 in notes.md' }
        @{ Case = 'a bare name found nowhere'; Text = '// see fidelity.md'; Why = 'fidelity.md: no such file' }
        @{ Case = 'a page outside the repository'; Text = '// see ../../outside.md'; Why = '../../outside.md: no such file' }
    )
}
