;;; kaudit-flymake.el --- kaudit for Emacs: compile and Flymake  -*- lexical-binding: t -*-

;; M-x compile with kaudit: the output is GNU style, which
;; compilation-mode's `gnu' rule already reads.
(defun kaudit-compile ()
  "Run kaudit on the current file."
  (interactive)
  (compile (concat "kaudit --quiet --color never " (shell-quote-argument buffer-file-name))))

;; Flymake backend: the buffer goes to kaudit on stdin. kaudit's columns
;; count characters, as Emacs's do.
(defvar-local kaudit--flymake-proc nil)

(defun kaudit-flymake (report-fn &rest _args)
  "Flymake backend for kaudit."
  (when (process-live-p kaudit--flymake-proc)
    (kill-process kaudit--flymake-proc))
  (let ((source (current-buffer)))
    (save-restriction
      (widen)
      (setq kaudit--flymake-proc
            (make-process
             :name "kaudit-flymake" :noquery t :connection-type 'pipe
             :buffer (generate-new-buffer " *kaudit-flymake*")
             :command (list "kaudit" "--quiet" "--color" "never"
                            "--stdin-filename" (or buffer-file-name "stdin") "-")
             :sentinel
             (lambda (proc _event)
               (when (memq (process-status proc) '(exit signal))
                 (unwind-protect
                     (with-current-buffer (process-buffer proc)
                       (goto-char (point-min))
                       (let (diags)
                         (while (re-search-forward
                                 "^[^:\n]+:\\([0-9]+\\):\\([0-9]+\\): \\(error\\|warning\\|note\\): \\(.*\\)$"
                                 nil t)
                           (let* ((line (string-to-number (match-string 1)))
                                  (col (string-to-number (match-string 2)))
                                  (type (pcase (match-string 3)
                                          ("error" :error) ("warning" :warning) (_ :note)))
                                  (msg (match-string 4))
                                  (region (flymake-diag-region source line col)))
                             (push (flymake-make-diagnostic source (car region) (cdr region) type msg)
                                   diags)))
                         (funcall report-fn diags)))
                   (kill-buffer (process-buffer proc)))))))
      (process-send-region kaudit--flymake-proc (point-min) (point-max))
      (process-send-eof kaudit--flymake-proc))))

(defun kaudit-flymake-setup ()
  "Use kaudit in this buffer."
  (add-hook 'flymake-diagnostic-functions #'kaudit-flymake nil t)
  (flymake-mode 1))

(add-hook 'yaml-mode-hook #'kaudit-flymake-setup)

(provide 'kaudit-flymake)
;;; kaudit-flymake.el ends here
