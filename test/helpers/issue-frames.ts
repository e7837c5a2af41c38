// The 23 frame ids issue #4 fixes; the lexicons may add more, never fewer.
export const ISSUE_FRAMES = [
  'apostasy', 'puppet_foreign_agent', 'doha_agreement', 'counterterrorism_cooperation', 'nationalism_vs_global_jihad',
  'taghut_manmade_law', 'murjia_irja', 'deobandi_sufi_shirk', 'rafidah_iran_shia', 'alliance_with_unbelievers',
  'caliphate_claim', 'khawarij', 'daesh_label', 'fitna_sedition', 'takfiri_extremism', 'foreign_intelligence_project',
  'pakistan_sponsorship_haven', 'mercenaries', 'foreign_outsider', 'iskp_defeated', 'emirate_legitimacy',
  'aq_presence_denial', 'ttp_pakistan_dispute',
] as const satisfies readonly string[];
