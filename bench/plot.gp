# bench/plot.gp: the charts of bench/RESULTS.md, run by bench/run (gnuplot 5):
#
#   gnuplot -e "chart='time'; datadir='bench/out'; output='bench/time.svg'; tlimit=300; \
#               solvers='advmatch cbc-default'; memsolvers='advmatch'; has_fit=1; fit_a=0.002; \
#               fit_b=10; grace=60; machine='...'" bench/plot.gp
#
# chart 'time':   DATADIR/time-SOLVER.dat (pairs, wall s, category: 0 proven optimal, 1 stopped at
#                 the time limit without a proof, 2 killed), one line per solver, log-log.
# chart 'memory': DATADIR/memory-SOLVER.dat (pairs, peak MiB) for advmatch (and advmatch-exact),
#                 with the least-squares line fit_a * pairs + fit_b computed by bench/run.

# (png=1 gives a PNG instead, to look at a chart where no SVG viewer is at hand)
if (exists('png') && png) {
    set terminal pngcairo size 900,560 enhanced font 'sans,11' background rgb 'white'
} else {
    set terminal svg size 900,560 dynamic enhanced font 'sans,12' background rgb 'white'
}
set output output
set grid back lc rgb '#dddddd'
set key top left box opaque
set border lc rgb '#444444'
set datafile commentschars '#'

color(i) = word('#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd', i)
series(i, list) = word(list, i)

if (chart eq 'time') {
    set title "Wall time against instance size\n{/*0.8 ".machine."}"
    set xlabel 'candidate pairs (log scale)'
    set ylabel 'wall seconds (log scale)'
    set logscale xy
    set format x '%.0s%c'
    set format y '%g'
    # the time limit across the whole width (the function below only spans the data, but keeps the
    # limit inside the autoscaled y range)
    set arrow 1 from graph 0, first tlimit to graph 1, first tlimit nohead dt 2 lw 1.5 lc rgb '#888888' back
    n = words(solvers)
    plot for [i=1:n] datadir.'/time-'.series(i, solvers).'.dat' using 1:2 \
             with linespoints lw 2 pt 7 ps 0.9 lc rgb color(i) title series(i, solvers), \
         for [i=1:n] datadir.'/time-'.series(i, solvers).'.dat' using 1:($3 == 1 ? $2 : 1/0) \
             with points pt 6 ps 2.2 lw 1.5 lc rgb color(i) notitle, \
         for [i=1:n] datadir.'/time-'.series(i, solvers).'.dat' using 1:($3 == 2 ? $2 : 1/0) \
             with points pt 2 ps 2.2 lw 2 lc rgb color(i) notitle, \
         tlimit with lines dt 2 lw 1.5 lc rgb '#888888' title sprintf('time limit %g s', tlimit), \
         NaN with points pt 6 ps 1.6 lc rgb 'black' title 'stopped at the time limit (no proof)', \
         NaN with points pt 2 ps 1.6 lw 2 lc rgb 'black' title sprintf('killed (ran %g s past the limit)', grace)
}

if (chart eq 'memory') {
    set title "advmatch: peak resident memory against candidate pairs\n{/*0.8 ".machine."}"
    set xlabel 'candidate pairs'
    set ylabel 'peak resident memory (MiB)'
    set xrange [0:*]
    set yrange [0:*]
    set format x '%.0s%c'
    m = words(memsolvers)
    f(x) = fit_a * x + fit_b
    if (has_fit) {
        plot for [i=1:m] datadir.'/memory-'.series(i, memsolvers).'.dat' using 1:2 \
                 with linespoints lw 2 pt 7 ps 1 lc rgb color(i) title series(i, memsolvers), \
             f(x) with lines dt 2 lw 1.5 lc rgb '#555555' \
                 title sprintf('least squares (advmatch): %.0f bytes/pair + %.0f MiB', fit_a * 1048576, fit_b)
    } else {
        plot for [i=1:m] datadir.'/memory-'.series(i, memsolvers).'.dat' using 1:2 \
                 with linespoints lw 2 pt 7 ps 1 lc rgb color(i) title series(i, memsolvers)
    }
}

set output
