/** Payslip lines that gather several contributions (arrêté du 25 février 2016, "bulletin clarifié"). */
export const OTHER_EMPLOYER_CONTRIBUTIONS = {
  code: 'autres-contributions-employeur',
  label: "Autres contributions dues par l'employeur",
};
