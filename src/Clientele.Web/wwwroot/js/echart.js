// Draws an ECharts option into an element, for the EChart component. The element gets data-rendered="true" once the
// chart has finished drawing (browser tests wait on it); a ResizeObserver keeps the chart fitted to its box.
export function render(element, option, dotnet) {
    const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, null, { renderer: 'canvas' });
    if (!element._clienteleObserver) {
        element._clienteleObserver = new ResizeObserver(() => chart.resize());
        element._clienteleObserver.observe(element);
    }
    element.removeAttribute('data-rendered');
    chart.off('finished');
    chart.on('finished', () => element.setAttribute('data-rendered', 'true'));
    chart.off('click');
    if (dotnet) {
        chart.on('click', p => dotnet.invokeMethodAsync('Clicked', {
            name: p.name ?? null,
            seriesName: p.seriesName ?? null,
            dataIndex: typeof p.dataIndex === 'number' ? p.dataIndex : -1,
            id: p.data && p.data.id !== undefined && p.data.id !== null ? String(p.data.id) : null,
        }));
    }
    const drawn = withItemTooltips(withSymlog({ ...option, animation: false }));
    chart.setOption(drawn, true);
    fitGraphs(chart, drawn);
}

// A graph series marked fitToBox is laid out by force once (its layoutAnimation off, so the layout is done when setOption
// returns), then drawn again at the positions found with layout 'none': ECharts then scales the positions into the
// series' box (left, right, top, bottom), so no node leaves the frame, whatever the force did.
function fitGraphs(chart, option) {
    const graphs = (option.series ?? []).map((series, index) => ({ series, index })).filter(g => g.series.type === 'graph' && g.series.fitToBox);
    if (graphs.length === 0) return;
    // Node sizes are pixels: on a narrow frame (a phone) they shrink with it, or the nodes would cover each other.
    const scale = Math.min(1, Math.max(0.4, chart.getWidth() / 900));
    for (const { series, index } of graphs) {
        const data = chart.getModel().getSeriesByIndex(index).getData();
        series.data = series.data.map((item, i) => {
            const [x, y] = data.getItemLayout(i) ?? [0, 0];
            const symbolSize = typeof item.symbolSize === 'number' ? Math.max(3, item.symbolSize * scale) : item.symbolSize;
            return { ...item, x, y, symbolSize };
        });
        series.layout = 'none';
        delete series.fitToBox;
        delete series.force;
    }
    chart.setOption(option, true);
}

export function dispose(element) {
    element._clienteleObserver?.disconnect();
    echarts.getInstanceByDom(element)?.dispose();
}

// An axis marked symlog holds sign(v) * log10(1 + |v|) (the server transforms the data): its labels show v again, and a
// tooltip marked symlog names the untransformed values, which each point carries after its two plotted ones.
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 1 });
const unSymlog = t => Math.sign(t) * (Math.pow(10, Math.abs(t)) - 1);

function withSymlog(option) {
    for (const axis of [option.xAxis, option.yAxis].flat()) {
        if (!axis || !axis.symlog) continue;
        delete axis.symlog;
        axis.axisLabel = { ...(axis.axisLabel ?? {}), formatter: t => compact.format(Math.round(unSymlog(t))) };
    }
    const names = option.tooltip?.symlog;
    if (names) {
        delete option.tooltip.symlog;
        const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
        option.tooltip.formatter = p => `${p.seriesName}: ${p.name}<br/>${names[0]} ${whole.format(p.value[2])}<br/>${names[1]} ${whole.format(p.value[3])}`;
    }
    return option;
}

// A tooltip marked fromItem shows each data item's own tooltip text (HTML the server wrote and escaped), for charts whose
// tooltip needs more than the plotted values (a heat map cell's count, share, lift and trend).
function withItemTooltips(option) {
    if (option.tooltip?.fromItem) {
        delete option.tooltip.fromItem;
        option.tooltip.formatter = p => p.data?.tooltip ?? '';
    }
    return option;
}
