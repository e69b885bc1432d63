/**
 * Fake provider keys with valid shapes and enough entropy to pass the rules' placeholder filters (never real keys:
 * they contain `clawscanTESTfixture`). Tests check that no output contains them.
 */
export const FAKE_ANTHROPIC_KEYS = [
  'sk-ant-api03-clawscanTESTfixture-jsVJG61lTeA4epKWuLEGqBYJOikSgXjUVRqMEO0d689FGnIEmH0lxbXrRzSDXa-55S0EFORiNAA',
  'sk-ant-api03-clawscanTESTfixture-vM_lUBLNHFTsa0CQBBXCD-zNicoa0mw26oaqGY4bbAMw7_DXLOtrxh5dl9cle06o8LLRGXcVcAA',
  'sk-ant-api03-clawscanTESTfixtureKrrVQbDyZsDcSFDYPPRZ45QFG-kELsmlmN4hsRMdATd6Fq07by-zLC6jJD7mZSo6iRBGFmk_LEAA',
] as const;
